package io.argus.media.codec.amf;

/** AMF bytes that cannot be decoded (truncated, an unknown or unsupported marker, too deep, too long). */
public final class AmfException extends RuntimeException {
    public AmfException(String message) {
        super(message);
    }
}
