package io.argus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressRangeTest {
    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void rangesHoldTheirAddressesOnly() throws Exception {
        AddressRange loopback = AddressRange.parse("127.0.0.0/8");
        assertThat(loopback.contains(ip("127.0.0.1"))).isTrue();
        assertThat(loopback.contains(ip("127.255.1.2"))).isTrue();
        assertThat(loopback.contains(ip("::ffff:127.0.0.1"))).as("IPv4-mapped is IPv4").isTrue();
        assertThat(loopback.contains(ip("128.0.0.1"))).isFalse();
        assertThat(loopback.contains(ip("::1"))).isFalse();
        assertThat(AddressRange.parse("10.1.2.3/12")).isEqualTo(AddressRange.parse("10.0.0.0/12"));
        assertThat(AddressRange.parse("10.0.0.0/12").contains(ip("10.15.255.255"))).isTrue();
        assertThat(AddressRange.parse("10.0.0.0/12").contains(ip("10.16.0.0"))).isFalse();
        assertThat(AddressRange.parse("::1").contains(ip("::1"))).isTrue();
        assertThat(AddressRange.parse("fd00::/8").contains(ip("fd12::5"))).isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
        assertThat(AddressRange.parse("192.168.1.5").contains(ip("192.168.1.6"))).isFalse();
    }

    @Test
    void listsAreCommaSeparatedAndEmptyIsNone() {
        assertThat(AddressRange.list("")).isEmpty();
        assertThat(AddressRange.list(" 127.0.0.0/8 , ::1/128")).containsExactly(AddressRange.parse("127.0.0.0/8"),
                AddressRange.parse("::1/128"));
    }

    @Test
    void namesAndBadPrefixesAreRefused() {
        for (String bad : new String[] {"localhost", "camera.example.com", "10.0.0.0/33", "::1/129", "10.0.0.0/x",
                "10.0.0/8", "1.2.3.4.5", "999.1.1.1"}) {
            assertThatThrownBy(() -> AddressRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
