package io.argus.onvif.client;

import io.argus.onvif.security.ClockOffset;
import io.argus.onvif.soap.Ns;
import io.argus.onvif.xml.XmlElement;
import io.argus.onvif.xml.XmlText;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * One ONVIF device. {@link #connect} reads the device's clock (unauthenticated, ONVIF Core §5.9.4) and keeps the
 * offset for every later WS-Security timestamp, then finds the device's services. Profiles and URIs come from
 * Media2 where the device offers it (H.265 profiles are only visible there), else from Media.
 */
public final class OnvifClient {
    private final SoapTransport transport;
    private final ServiceAddresses services;

    private OnvifClient(SoapTransport transport, ServiceAddresses services) {
        this.transport = transport;
        this.services = services;
    }

    /** Measures the clock offset, then reads the service addresses (GetServices, else GetCapabilities). */
    public static OnvifClient connect(URI deviceUrl, SoapTransport transport) {
        transport.offset(measureClock(deviceUrl, transport));
        ServiceAddresses services;
        try {
            services = ServiceAddresses.fromServices(deviceUrl, transport.call(deviceUrl, Ns.TDS + "/GetServices",
                    "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>")
                    .payload());
        } catch (OnvifException e) {
            if (e.kind() != OnvifException.Kind.FAULT) {
                throw e;
            }
            services = ServiceAddresses.fromCapabilities(deviceUrl, transport.call(deviceUrl,
                    Ns.TDS + "/GetCapabilities",
                    "<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>").payload());
        }
        return new OnvifClient(transport, services);
    }

    /** A device whose services and clock offset are known already (stored when it was added). */
    public static OnvifClient of(ServiceAddresses services, SoapTransport transport) {
        return new OnvifClient(transport, services);
    }

    /** The device's clock minus ours (ONVIF Core §5.12.2), from GetSystemDateAndTime; none if it does not say. */
    static ClockOffset measureClock(URI deviceUrl, SoapTransport transport) {
        Instant sent = transport.clock().instant();
        XmlElement rsp = transport.callAnonymous(deviceUrl, Ns.TDS + "/GetSystemDateAndTime",
                "<tds:GetSystemDateAndTime/>").payload();
        Instant received = transport.clock().instant();
        return deviceTime(rsp).map(t -> ClockOffset.measure(t, sent, received)).orElse(ClockOffset.NONE);
    }

    /** The UTC time in a GetSystemDateAndTime answer, or empty when it has none. */
    public static Optional<Instant> deviceTime(XmlElement response) {
        Optional<XmlElement> utc = response.at("SystemDateAndTime", "UTCDateTime");
        if (utc.isEmpty()) {
            return Optional.empty();
        }
        try {
            XmlElement d = utc.get().child("Date").orElseThrow();
            XmlElement t = utc.get().child("Time").orElseThrow();
            LocalDate date = LocalDate.of(Integer.parseInt(d.textAt("Year")),
                    Integer.parseInt(d.textAt("Month")), Integer.parseInt(d.textAt("Day")));
            LocalTime time = LocalTime.of(Integer.parseInt(t.textAt("Hour")),
                    Integer.parseInt(t.textAt("Minute")), Integer.parseInt(t.textAt("Second")));
            return Optional.of(date.atTime(time).toInstant(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public ServiceAddresses services() {
        return services;
    }

    public ClockOffset clockOffset() {
        return transport.offset();
    }

    public DeviceInformation deviceInformation() {
        return DeviceInformation.parse(transport.call(services.device(), Ns.TDS + "/GetDeviceInformation",
                "<tds:GetDeviceInformation/>").payload());
    }

    public List<MediaProfile> profiles() {
        if (services.media2().isPresent()) {
            return MediaProfile.parse(transport.call(services.media2().get(), Ns.TR2 + "/GetProfiles",
                    "<tr2:GetProfiles><tr2:Type>All</tr2:Type></tr2:GetProfiles>").payload());
        }
        return MediaProfile.parse(transport.call(media(), Ns.TRT + "/GetProfiles", "<trt:GetProfiles/>").payload());
    }

    /** The RTSP URI of a profile (RTP over RTSP, unicast). */
    public URI streamUri(String profileToken) {
        String token = XmlText.escape(profileToken);
        if (services.media2().isPresent()) {
            return uri(transport.call(services.media2().get(), Ns.TR2 + "/GetStreamUri",
                    "<tr2:GetStreamUri><tr2:Protocol>RTSP</tr2:Protocol><tr2:ProfileToken>" + token
                            + "</tr2:ProfileToken></tr2:GetStreamUri>").payload().textAt("Uri"), "GetStreamUri");
        }
        return uri(transport.call(media(), Ns.TRT + "/GetStreamUri", "<trt:GetStreamUri><trt:StreamSetup>"
                + "<tt:Stream>RTP-Unicast</tt:Stream><tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport>"
                + "</trt:StreamSetup><trt:ProfileToken>" + token + "</trt:ProfileToken></trt:GetStreamUri>")
                .payload().textAt("MediaUri", "Uri"), "GetStreamUri");
    }

    public URI snapshotUri(String profileToken) {
        String token = XmlText.escape(profileToken);
        if (services.media2().isPresent()) {
            return uri(transport.call(services.media2().get(), Ns.TR2 + "/GetSnapshotUri",
                    "<tr2:GetSnapshotUri><tr2:ProfileToken>" + token + "</tr2:ProfileToken></tr2:GetSnapshotUri>")
                    .payload().textAt("Uri"), "GetSnapshotUri");
        }
        return uri(transport.call(media(), Ns.TRT + "/GetSnapshotUri", "<trt:GetSnapshotUri><trt:ProfileToken>"
                + token + "</trt:ProfileToken></trt:GetSnapshotUri>").payload().textAt("MediaUri", "Uri"),
                "GetSnapshotUri");
    }

    /** PTZ on one profile; empty when the device has no PTZ service. */
    public Optional<PtzClient> ptz(String profileToken) {
        return services.ptz().map(url -> new PtzClient(transport, url, profileToken));
    }

    /** A new pull-point subscription; fails when the device has no event service. */
    public PullPointClient subscribe(java.time.Duration termination) {
        URI events = services.events().orElseThrow(() -> new OnvifException(OnvifException.Kind.FAULT,
                "the device offers no event service"));
        return PullPointClient.create(transport, events, termination);
    }

    private URI media() {
        return services.media().orElseThrow(() -> new OnvifException(OnvifException.Kind.FAULT,
                "the device offers neither a Media nor a Media2 service"));
    }

    private static URI uri(String s, String op) {
        try {
            if (s.isBlank()) {
                throw new IllegalArgumentException("empty");
            }
            return URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new OnvifException(OnvifException.Kind.BAD_RESPONSE, op + " answered no usable URI: '" + s + "'");
        }
    }
}
