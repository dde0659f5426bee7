package io.argus.onvif.client;

import io.argus.onvif.soap.Ns;
import io.argus.onvif.xml.XmlElement;
import java.net.URI;
import java.util.Optional;

/**
 * Where a device's services answer. From GetServices (ONVIF Core §8.1.2.1, by namespace) or, on devices older than
 * Core 2.1 that lack it, from GetCapabilities (§8.1.2.2, by category). Media2 is absent on Profile S-only devices.
 */
public record ServiceAddresses(URI device, Optional<URI> media, Optional<URI> media2, Optional<URI> ptz,
                               Optional<URI> events) {

    public static ServiceAddresses fromServices(URI device, XmlElement response) {
        URI media = null;
        URI media2 = null;
        URI ptz = null;
        URI events = null;
        for (XmlElement s : response.children("Service")) {
            String ns = s.textAt("Namespace");
            URI at = uri(s.textAt("XAddr"));
            if (at == null) {
                continue;
            }
            switch (ns) {
                case Ns.TRT -> media = at;
                case Ns.TR2 -> media2 = at;
                case Ns.TPTZ -> ptz = at;
                case Ns.TEV -> events = at;
                default -> {
                    // imaging, deviceIO, analytics …: not used
                }
            }
        }
        return new ServiceAddresses(device, Optional.ofNullable(media), Optional.ofNullable(media2),
                Optional.ofNullable(ptz), Optional.ofNullable(events));
    }

    public static ServiceAddresses fromCapabilities(URI device, XmlElement response) {
        XmlElement caps = response.child("Capabilities").orElse(response);
        return new ServiceAddresses(device, caps.optText("Media", "XAddr").map(ServiceAddresses::uri),
                Optional.empty(), caps.optText("PTZ", "XAddr").map(ServiceAddresses::uri),
                caps.optText("Events", "XAddr").map(ServiceAddresses::uri));
    }

    private static URI uri(String s) {
        try {
            return s.isBlank() ? null : URI.create(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
