package io.argus.onvif.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.onvif.soap.Soap;
import io.argus.onvif.xml.SafeXml;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsernameTokenTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:30:00Z");

    @Test
    void digestIsSha1OfNonceCreatedAndPassword() {
        // WSS UsernameToken Profile 1.0 §3.1 worked by hand: SHA-1("abc" + "2026-12-07T09:30:00.000Z" + "secret").
        byte[] nonce = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(UsernameToken.digest(nonce, "2026-12-07T09:30:00.000Z", "secret"))
                .isEqualTo(Base64.getEncoder().encodeToString(sha1("abc2026-12-07T09:30:00.000Zsecret")));
    }

    @Test
    void aDeviceAcceptsOurTokenAndRefusesWrongPasswordsUnknownUsersAndStaleTimes() {
        Optional<io.argus.onvif.xml.XmlElement> header = header(UsernameToken.header("admin", "pw", NOW));
        assertThat(UsernameToken.verify(header, u -> u.equals("admin") ? Optional.of("pw") : Optional.empty(), NOW,
                Duration.ofMinutes(5))).isEqualTo(UsernameToken.Check.OK);
        assertThat(UsernameToken.verify(header, u -> Optional.of("other"), NOW, Duration.ofMinutes(5)))
                .isEqualTo(UsernameToken.Check.BAD_DIGEST);
        assertThat(UsernameToken.verify(header, u -> Optional.empty(), NOW, Duration.ofMinutes(5)))
                .isEqualTo(UsernameToken.Check.UNKNOWN_USER);
        assertThat(UsernameToken.verify(header, u -> Optional.of("pw"), NOW.plusSeconds(301), Duration.ofMinutes(5)))
                .isEqualTo(UsernameToken.Check.STALE);
        assertThat(UsernameToken.verify(Optional.empty(), u -> Optional.of("pw"), NOW, Duration.ofMinutes(5)))
                .isEqualTo(UsernameToken.Check.MISSING);
    }

    @Test
    void clockOffsetCountsHalfTheRoundTrip() {
        ClockOffset o = ClockOffset.measure(NOW.plusSeconds(93), NOW, NOW.plusMillis(200));
        assertThat(o.offset()).isEqualTo(Duration.ofSeconds(93).minusMillis(100));
    }

    private static Optional<io.argus.onvif.xml.XmlElement> header(String headerXml) {
        return Soap.read(SafeXml.standard(), Soap.envelope(headerXml, "<tds:GetDeviceInformation/>")
                .getBytes(StandardCharsets.UTF_8)).header();
    }

    private static byte[] sha1(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
