package io.argus.onvif.client;

import io.argus.onvif.xml.XmlElement;
import java.util.List;
import java.util.Optional;

/** A PTZ preset (ONVIF PTZ §5.4.1 GetPresets): its token, name and, where the device says, position. */
public record PtzPreset(String token, String name, Optional<PtzVector> position) {
    public static List<PtzPreset> parse(XmlElement response) {
        return response.children("Preset").stream().map(p -> new PtzPreset(p.attr("token").orElse(""),
                p.textAt("Name"), p.child("PTZPosition").map(PtzVector::parse))).toList();
    }
}
