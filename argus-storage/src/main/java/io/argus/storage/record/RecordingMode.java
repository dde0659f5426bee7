package io.argus.storage.record;

import java.util.Locale;

/** What a camera's recorder keeps. */
public enum RecordingMode {
    /** Everything, around the clock. */
    CONTINUOUS,
    /** Only around events: a pre-buffer before each trigger and a post-buffer after it. */
    EVENTS,
    /** Nothing. */
    OFF;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code continuous}, {@code events} or {@code off} (any case). */
    public static RecordingMode parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("recording mode must be continuous, events or off: " + name);
        }
    }
}
