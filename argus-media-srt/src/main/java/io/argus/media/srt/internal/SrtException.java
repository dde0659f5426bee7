package io.argus.media.srt.internal;

/** A libsrt call failed; {@link #code()} is libsrt's error code ({@code SRT_ERRNO}). */
public final class SrtException extends Exception {
    private final int code;

    public SrtException(String message, int code) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
