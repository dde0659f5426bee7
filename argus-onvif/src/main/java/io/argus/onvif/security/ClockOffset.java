package io.argus.onvif.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How far a device's clock is from ours, measured from its GetSystemDateAndTime answer (ONVIF Core §5.12.2 asks
 * clients to do exactly this, since a device refuses a UsernameToken whose Created time is outside its window).
 * The offset is taken at the midpoint of the request, so half the round trip is not counted as skew.
 */
public record ClockOffset(Duration offset) {
    public static final ClockOffset NONE = new ClockOffset(Duration.ZERO);

    /** The offset from the device's reported time and our clock before and after asking. */
    public static ClockOffset measure(Instant device, Instant sent, Instant received) {
        Instant mid = sent.plus(Duration.between(sent, received).dividedBy(2));
        return new ClockOffset(Duration.between(mid, device));
    }

    /** The device's time now, by our clock. */
    public Instant deviceNow(Clock clock) {
        return clock.instant().plus(offset);
    }
}
