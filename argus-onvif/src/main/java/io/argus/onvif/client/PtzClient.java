package io.argus.onvif.client;

import io.argus.onvif.soap.Ns;
import io.argus.onvif.xml.XmlText;
import java.net.URI;
import java.util.List;

/** PTZ on one media profile (ONVIF PTZ Service §5.3 moves, §5.4 presets, §5.5 home). */
public final class PtzClient {
    private final SoapTransport transport;
    private final URI url;
    private final String profile;

    PtzClient(SoapTransport transport, URI url, String profileToken) {
        this.transport = transport;
        this.url = url;
        this.profile = "<tptz:ProfileToken>" + XmlText.escape(profileToken) + "</tptz:ProfileToken>";
    }

    public void continuousMove(PtzVector velocity) {
        call("ContinuousMove", velocity.xml("tptz:Velocity"));
    }

    public void absoluteMove(PtzVector position) {
        call("AbsoluteMove", position.xml("tptz:Position"));
    }

    public void relativeMove(PtzVector translation) {
        call("RelativeMove", translation.xml("tptz:Translation"));
    }

    public void stop() {
        call("Stop", "<tptz:PanTilt>true</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom>");
    }

    public List<PtzPreset> presets() {
        return PtzPreset.parse(call("GetPresets", ""));
    }

    public void gotoPreset(String token) {
        call("GotoPreset", "<tptz:PresetToken>" + XmlText.escape(token) + "</tptz:PresetToken>");
    }

    /** Saves the current position as a preset named {@code name}; returns the device's token for it. */
    public String setPreset(String name) {
        return call("SetPreset", "<tptz:PresetName>" + XmlText.escape(name) + "</tptz:PresetName>")
                .textAt("PresetToken");
    }

    public void removePreset(String token) {
        call("RemovePreset", "<tptz:PresetToken>" + XmlText.escape(token) + "</tptz:PresetToken>");
    }

    public void gotoHome() {
        call("GotoHomePosition", "");
    }

    /** The current position (GetStatus). */
    public PtzVector position() {
        return call("GetStatus", "").at("PTZStatus", "Position").map(PtzVector::parse).orElse(PtzVector.ZERO);
    }

    private io.argus.onvif.xml.XmlElement call(String op, String args) {
        return transport.call(url, Ns.TPTZ + "/" + op, "<tptz:" + op + ">" + profile + args + "</tptz:" + op + ">")
                .payload();
    }
}
