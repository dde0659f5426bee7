package io.argus.onvif.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.onvif.Fixtures;
import io.argus.onvif.soap.Soap;
import io.argus.onvif.xml.SafeXml;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ProbeMatchTest {
    @Test
    void theAgshProbeMatchesParse() {
        var body = Soap.read(SafeXml.standard(), Fixtures.bytes("agsh-ProbeMatches.xml")).payload();
        var matches = ProbeMatch.parse(body, new InetSocketAddress("192.168.0.90", 3702));
        assertThat(matches).hasSize(1);
        ProbeMatch m = matches.get(0);
        assertThat(m.endpoint()).isEqualTo("uuid:c9790c3a-701b-464d-a189-0060351c8ada");
        assertThat(m.xaddr()).contains(URI.create("http://192.168.0.90/onvif/device_service"));
        assertThat(m.xaddrs()).hasSize(2);
        assertThat(m.types()).containsExactly("dn:NetworkVideoTransmitter", "tds:Device");
        assertThat(m.scope("hardware")).contains("HD_PREDATOR");
        assertThat(m.scope("name")).contains("PREDATOR");
    }

    @Test
    void ourProbeMatchesReadBack() {
        String xml = DiscoveryMessages.probeMatches("urn:uuid:1", "urn:uuid:2", "urn:uuid:3",
                URI.create("http://127.0.0.1:8580/onvif/cam1/device_service"),
                java.util.List.of("onvif://www.onvif.org/name/Argus%20Sim"));
        var m = ProbeMatch.parse(Soap.read(SafeXml.standard(), xml.getBytes()).payload(), null).get(0);
        assertThat(m.scope("name")).contains("Argus Sim");
        assertThat(m.xaddr()).contains(URI.create("http://127.0.0.1:8580/onvif/cam1/device_service"));
    }
}
