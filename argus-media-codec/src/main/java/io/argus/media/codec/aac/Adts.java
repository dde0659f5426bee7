package io.argus.media.codec.aac;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** ADTS streams ({@code .aac} files): split into raw AAC frames without copying. */
public final class Adts {

    private Adts() {
    }

    /**
     * Adds a retained slice of each raw frame (ADTS header excluded) in {@code stream}'s readable bytes to
     * {@code out}, stopping at the first invalid or truncated header. <b>Borrows</b> {@code stream}; indexes do
     * not move; the caller owns the slices.
     *
     * @return the header of the first frame (the stream's configuration), or null if there was none
     */
    public static AdtsHeader split(ByteBuf stream, List<ByteBuf> out) {
        AdtsHeader first = null;
        int pos = stream.readerIndex();
        int end = stream.writerIndex();
        while (pos < end) {
            AdtsHeader h = AdtsHeader.parse(stream, pos);
            if (h == null || pos + h.frameLength() > end) {
                break;
            }
            out.add(stream.retainedSlice(pos + h.headerLength(), h.payloadLength()));
            if (first == null) {
                first = h;
            }
            pos += h.frameLength();
        }
        return first;
    }
}
