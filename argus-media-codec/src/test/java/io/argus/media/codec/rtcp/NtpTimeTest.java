package io.argus.media.codec.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void unixEpochAndAQuarterSecond() {
        assertThat(NtpTime.fromUnixNanos(0)).isEqualTo(NtpTime.UNIX_EPOCH_OFFSET_SECONDS << 32);
        long unix = (0xe8f1a2b3L - NtpTime.UNIX_EPOCH_OFFSET_SECONDS) * 1_000_000_000L + 250_000_000L;
        assertThat(NtpTime.fromUnixNanos(unix)).isEqualTo(RtcpGolden.NTP);
        assertThat(NtpTime.toUnixNanos(RtcpGolden.NTP)).isEqualTo(unix);
    }

    @Test
    void roundTripIsExactToTheNanosecond() {
        for (long n = 1_700_000_000_000_000_000L; n < 1_700_000_000_000_100_000L; n += 7_919) {
            assertThat(NtpTime.toUnixNanos(NtpTime.fromUnixNanos(n))).isBetween(n - 1, n);
        }
    }

    @Test
    void middleBitsAndDelayUnits() {
        assertThat(NtpTime.middle32(RtcpGolden.NTP)).isEqualTo(0xa2b34000L);
        assertThat(NtpTime.toDelayUnits(1_500_000_000L)).isEqualTo(0x18000);
        assertThat(NtpTime.toDelayUnits(-5)).isZero();
        assertThat(NtpTime.toDelayUnits(Long.MAX_VALUE)).isEqualTo(0xffffffffL);
    }
}
