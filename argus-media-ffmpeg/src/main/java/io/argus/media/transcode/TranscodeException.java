package io.argus.media.transcode;

/** A transcode could not start or go on (no decoder, an encoder that would not open), with FFmpeg's own words. */
public final class TranscodeException extends Exception {
    public TranscodeException(String message) {
        super(message, null, false, false);
    }
}
