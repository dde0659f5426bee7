package io.argus.media.snapshot;

/** Why no snapshot could be made, with a message a person understands. */
public final class SnapshotException extends Exception {

    /** What went wrong, for the caller to pick an answer. */
    public enum Reason {
        /** No keyframe came from the stream in time, or the stream ended: the camera is not (or no longer) live. */
        NO_KEYFRAME,
        /** The stream carries no video, or video in a codec snapshots do not decode. */
        UNSUPPORTED,
        /** FFmpeg could not decode the keyframe or encode the JPEG. */
        DECODE_FAILED
    }

    private final Reason reason;

    public SnapshotException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
