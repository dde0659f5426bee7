package io.argus.media.srt;

/** libsrt could not be loaded or started: SRT is off on this node, everything else runs. */
public final class SrtUnavailableException extends Exception {
    public SrtUnavailableException(String message) {
        super(message);
    }
}
