package io.argus.media.codec.flv;

import io.netty.buffer.ByteBuf;

/**
 * The header of an FLV video tag body (FLV v10.1 §E.4.3.1, VIDEODATA and AVCVIDEOPACKET) or of an Enhanced RTMP
 * one (ExVideoTagHeader: the first bit set, then the frame type, a packet type and a FourCC).
 *
 * @param frameType       1 keyframe, 2 inter frame, 3 disposable, 4 generated keyframe, 5 info/command frame
 * @param codec           the codec: {@link #AVC}, {@link #HEVC}, {@link #AV1}, or another FourCC or legacy id
 * @param packetType      {@link #SEQUENCE_START}, {@link #CODED_FRAMES}, {@link #SEQUENCE_END} or another
 * @param compositionTime milliseconds from decode to presentation time (0 where the header has none)
 * @param headerBytes     bytes of the body before the payload (the configuration record or the frames)
 */
public record FlvVideoTag(int frameType, String codec, int packetType, int compositionTime, int headerBytes) {

    public static final int KEYFRAME = 1;
    public static final int COMMAND_FRAME = 5;

    public static final String AVC = "avc1";
    public static final String HEVC = "hvc1";
    public static final String AV1 = "av01";

    /** Legacy AVCPacketType 0 and Enhanced RTMP PacketType.SequenceStart: a decoder configuration record. */
    public static final int SEQUENCE_START = 0;
    /** Legacy AVCPacketType 1 and PacketType.CodedFrames: frames after a composition time. */
    public static final int CODED_FRAMES = 1;
    public static final int SEQUENCE_END = 2;
    /** PacketType.CodedFramesX: frames whose composition time is 0, without the field. */
    public static final int CODED_FRAMES_X = 3;

    private static final int AVC_INT = 0x61766331;
    private static final int HEVC_INT = 0x68766331;
    private static final int AV1_INT = 0x61763031;

    /** Legacy CodecID 7: AVC. */
    static final int LEGACY_AVC = 7;
    /** Legacy CodecID 12: HEVC in the pre-Enhanced-RTMP extension Chinese CDNs and some encoders used. */
    static final int LEGACY_HEVC = 12;

    /** Whether decoding can start at this frame. */
    public boolean keyframe() {
        return frameType == KEYFRAME;
    }

    /**
     * Parses the header at {@code body}'s reader index. <b>Borrows</b> {@code body}; does not move its indices.
     *
     * @throws IllegalArgumentException if the body is too short for its header
     */
    public static FlvVideoTag parse(ByteBuf body) {
        int i = body.readerIndex();
        int n = body.readableBytes();
        if (n < 1) {
            throw new IllegalArgumentException("empty video tag");
        }
        int b0 = body.getUnsignedByte(i);
        if ((b0 & 0x80) != 0) {
            int frameType = (b0 >> 4) & 0x07;
            int packetType = b0 & 0x0F;
            require(n, 5);
            String fourCc = fourCc(body.getInt(i + 1));
            boolean withCts = packetType == CODED_FRAMES && (fourCc.equals(AVC) || fourCc.equals(HEVC));
            if (withCts) {
                require(n, 8);
                return new FlvVideoTag(frameType, fourCc, packetType, body.getMedium(i + 5), 8);
            }
            return new FlvVideoTag(frameType, fourCc, packetType == CODED_FRAMES_X ? CODED_FRAMES : packetType, 0,
                    5);
        }
        int frameType = b0 >> 4;
        int codecId = b0 & 0x0F;
        if (codecId != LEGACY_AVC && codecId != LEGACY_HEVC) {
            return new FlvVideoTag(frameType, "codec id " + codecId, -1, 0, 1);
        }
        if (frameType == COMMAND_FRAME) {
            return new FlvVideoTag(frameType, codecId == LEGACY_AVC ? AVC : HEVC, -1, 0, n);
        }
        require(n, 5);
        return new FlvVideoTag(frameType, codecId == LEGACY_AVC ? AVC : HEVC, body.getUnsignedByte(i + 1),
                body.getMedium(i + 2), 5);
    }

    private static void require(int have, int need) {
        if (have < need) {
            throw new IllegalArgumentException("video tag header needs " + need + " bytes, has " + have);
        }
    }

    /** The FourCC as text; the known ones are constants, so a tag of a known codec allocates no string. */
    private static String fourCc(int v) {
        if (v == AVC_INT) {
            return AVC;
        } else if (v == HEVC_INT) {
            return HEVC;
        } else if (v == AV1_INT) {
            return AV1;
        }
        char[] c = new char[4];
        for (int k = 0; k < 4; k++) {
            int ch = (v >>> (24 - 8 * k)) & 0xFF;
            c[k] = ch >= 0x20 && ch < 0x7F ? (char) ch : '?';
        }
        return new String(c);
    }
}
