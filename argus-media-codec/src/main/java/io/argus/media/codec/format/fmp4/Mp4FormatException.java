package io.argus.media.codec.format.fmp4;

/** Bytes that are not the (fragmented) MP4 this package writes, with the file offset where it went wrong. */
public final class Mp4FormatException extends IllegalArgumentException {

    private final long offset;

    public Mp4FormatException(long offset, String message) {
        super(message + " (at offset " + offset + ")");
        this.offset = offset;
    }

    /** The offset, from the start of the bytes read, of the box or field at fault. */
    public long offset() {
        return offset;
    }
}
