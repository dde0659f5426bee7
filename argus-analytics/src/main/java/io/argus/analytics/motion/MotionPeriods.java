package io.argus.analytics.motion;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns per-picture motion into periods with hysteresis: a period starts after {@code startPictures} pictures in a
 * row with motion (one noisy picture starts nothing) and ends once no picture has shown motion for
 * {@code endAfter} (a walker who stops for a moment stays one period). The period's end is its last picture with
 * motion. Single-threaded.
 */
public final class MotionPeriods {
    /** What a picture did to the period. */
    public enum Change { NONE, STARTED, ENDED }

    private final int startPictures;
    private final Duration endAfter;
    private int inARow;
    private Instant firstInRow;
    private Instant started;
    private Instant lastMotion;

    public MotionPeriods(int startPictures, Duration endAfter) {
        if (startPictures < 1) {
            throw new IllegalArgumentException("a period starts after at least one picture");
        }
        this.startPictures = startPictures;
        this.endAfter = endAfter;
    }

    public Change update(Instant at, boolean motion) {
        if (motion) {
            if (inARow++ == 0) {
                firstInRow = at;
            }
            lastMotion = at;
            if (started == null && inARow >= startPictures) {
                started = firstInRow;
                return Change.STARTED;
            }
            return Change.NONE;
        }
        inARow = 0;
        if (started != null && !at.isBefore(lastMotion.plus(endAfter))) {
            started = null;
            return Change.ENDED;
        }
        return Change.NONE;
    }

    /** Whether a period is open. */
    public boolean active() {
        return started != null;
    }

    /** The open period's start (its first picture with motion); null when none is open. */
    public Instant start() {
        return started;
    }

    /** The last picture with motion: the end of a period that just {@link Change#ENDED}. */
    public Instant lastMotion() {
        return lastMotion;
    }
}
