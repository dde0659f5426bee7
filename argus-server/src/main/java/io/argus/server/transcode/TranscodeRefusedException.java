package io.argus.server.transcode;

/** A transcode that cannot be given: the node runs its maximum, transcoding is off, or the video cannot be read. */
public final class TranscodeRefusedException extends RuntimeException {

    /** Why, for the caller to pick an answer. */
    public enum Reason {
        /** Every worker is busy ({@code transcode.maxJobs}): try later, or another node. */
        FULL,
        /** The camera's stream cannot be transcoded (no H.264/H.265 video, or the transcode failed to start). */
        UNSUPPORTED,
        /** The camera's stream ended while the transcode started. */
        ENDED
    }

    private final Reason reason;

    public TranscodeRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
