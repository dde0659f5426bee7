package io.argus.onvif.discovery;

import io.argus.onvif.xml.XmlElement;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One device that answered a probe: its endpoint reference (a stable {@code urn:uuid:}), its service addresses
 * (XAddrs), types and scopes (ONVIF Core §7.3.2.2: {@code onvif://www.onvif.org/hardware/…}, {@code …/name/…}).
 *
 * @param from where the answer came from
 */
public record ProbeMatch(String endpoint, List<URI> xaddrs, List<String> types, List<String> scopes,
                         InetSocketAddress from) {

    static List<ProbeMatch> parse(XmlElement probeMatches, InetSocketAddress from) {
        return probeMatches.children("ProbeMatch").stream().map(m -> new ProbeMatch(
                m.textAt("EndpointReference", "Address"),
                split(m.textAt("XAddrs")).stream().map(ProbeMatch::uri).flatMap(Optional::stream).toList(),
                split(m.textAt("Types")), split(m.textAt("Scopes")), from)).toList();
    }

    /** The first XAddr, which is the device service. */
    public Optional<URI> xaddr() {
        return xaddrs.stream().findFirst();
    }

    /** A scope's value after {@code onvif://www.onvif.org/<kind>/}, URL-decoded (e.g. hardware, name, location). */
    public Optional<String> scope(String kind) {
        String prefix = "onvif://www.onvif.org/" + kind + "/";
        return scopes.stream().filter(s -> s.startsWith(prefix)).findFirst()
                .map(s -> URLDecoder.decode(s.substring(prefix.length()), StandardCharsets.UTF_8));
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
    }

    private static Optional<URI> uri(String s) {
        try {
            return Optional.of(URI.create(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
