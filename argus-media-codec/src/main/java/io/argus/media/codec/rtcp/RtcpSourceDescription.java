package io.argus.media.codec.rtcp;

import java.util.List;

/**
 * A source description packet (RFC 3550 §6.5), reduced to what Argus uses: the CNAME of each chunk. Other
 * items (NAME, TOOL, ...) are skipped when parsed and never written.
 *
 * @param chunks one per source described
 */
public record RtcpSourceDescription(List<Chunk> chunks) implements RtcpPacket {

    /** SDES item type of the canonical name (§6.5.1). */
    public static final int CNAME = 1;

    /** Longest item text: its length field has 8 bits. */
    public static final int MAX_ITEM_LENGTH = 255;

    /**
     * @param ssrc  the source described
     * @param cname its canonical name, or null if the chunk has none
     */
    public record Chunk(long ssrc, String cname) {
    }

    public RtcpSourceDescription {
        chunks = List.copyOf(chunks);
    }

    @Override
    public int type() {
        return RtcpPacketType.SDES;
    }
}
