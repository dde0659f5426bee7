package io.argus.storage.playback;

import java.time.Instant;

/** A playback request that cannot be served as asked; the server turns the reason into a status. */
public final class PlaybackException extends RuntimeException {
    /** Why. */
    public enum Reason {
        /** No chunk has a frame in the range. */
        NOTHING_RECORDED,
        /**
         * The range holds chunks of different formats (codec, resolution, parameter sets or tracks), which one MP4
         * file cannot hold behind one init segment. Split the range at {@link #at()}.
         */
        FORMAT_CHANGE
    }

    private final Reason reason;
    private final Instant at;

    public PlaybackException(Reason reason, String message, Instant at) {
        super(message, null, false, false);
        this.reason = reason;
        this.at = at;
    }

    public static PlaybackException nothingRecorded(Instant from, Instant to) {
        return new PlaybackException(Reason.NOTHING_RECORDED, "nothing recorded between " + from + " and " + to,
                null);
    }

    public Reason reason() {
        return reason;
    }

    /** Where the format changes ({@link Reason#FORMAT_CHANGE}); null otherwise. */
    public Instant at() {
        return at;
    }
}
