package io.argus.webrtc;

/** The camera takes no WHIP publisher now (it pulls from its own source, is disabled, or has a publisher). */
public final class WhipRefusedException extends RuntimeException {
    public WhipRefusedException(String message) {
        super(message);
    }
}
