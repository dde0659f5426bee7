package io.argus.media.codec.rtcp;

/**
 * 64-bit NTP timestamps (RFC 5905 §6, as RTCP uses them: RFC 3550 §4): seconds since 1900-01-01 in the upper 32
 * bits, the fraction of a second in the lower 32. Only era 0 (until 2036) and the start of era 1 matter here;
 * the conversions are exact to the nanosecond rounding of the fraction.
 */
public final class NtpTime {

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970): 70 years with 17 leap days. */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Units of the LSR/DLSR fields (RFC 3550 §6.4.1): 1/65536 s. */
    private static final long DELAY_UNITS_PER_SECOND = 65_536;

    private NtpTime() {
    }

    /** The NTP timestamp of {@code unixNanos} nanoseconds since the Unix epoch. */
    public static long fromUnixNanos(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(unixNanos, NANOS_PER_SECOND);
        long fraction = (nanos << 32) / NANOS_PER_SECOND;
        return ((seconds + UNIX_EPOCH_OFFSET_SECONDS) << 32) | fraction;
    }

    /** Nanoseconds since the Unix epoch of an NTP timestamp (the fraction rounded down to the nanosecond). */
    public static long toUnixNanos(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_OFFSET_SECONDS;
        long nanos = ((ntp & 0xffffffffL) * NANOS_PER_SECOND) >>> 32;
        return seconds * NANOS_PER_SECOND + nanos;
    }

    /** The middle 32 bits, the compact form the LSR field of a report block echoes (RFC 3550 §6.4.1). */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xffffffffL;
    }

    /** A duration in the 1/65536 s units of the DLSR field, saturated at its 32 bits; 0 for a negative one. */
    public static long toDelayUnits(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long units = nanos / NANOS_PER_SECOND * DELAY_UNITS_PER_SECOND
                + nanos % NANOS_PER_SECOND * DELAY_UNITS_PER_SECOND / NANOS_PER_SECOND;
        return Math.min(units, 0xffffffffL);
    }
}
