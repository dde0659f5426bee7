package io.argus.media.codec.sdp;

/** A session description that cannot be used; the message says why in words an operator understands. */
public final class SdpException extends Exception {
    public SdpException(String message) {
        super(message);
    }
}
