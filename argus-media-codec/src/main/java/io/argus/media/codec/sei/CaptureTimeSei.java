package io.argus.media.codec.sei;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes and finds the capture-time SEI: one SEI NAL unit (H.264 type 6, or H.265 prefix SEI type 39 with a
 * 2-byte header, layer 0, temporal id 1) holding one user_data_unregistered message (payloadType 5) of 24 bytes:
 * the 16-byte {@linkplain #UUID Argus UUID} then the capture time as 8-byte big-endian microseconds since the
 * Unix epoch; then the rbsp trailing bits. Emulation prevention is applied, so the length varies a little with
 * the time value; it never exceeds {@link #MAX_LENGTH}.
 */
public final class CaptureTimeSei {

    /**
     * {@code 04233b57-e158-4824-8922-e3864faf0170}: a random (version 4) UUID chosen once for Argus; its bytes
     * mark the message so that other user data (an encoder's version string) is skipped.
     */
    public static final String UUID_STRING = "04233b57-e158-4824-8922-e3864faf0170";

    static final byte[] UUID = {
        0x04, 0x23, 0x3b, 0x57, (byte) 0xe1, 0x58, 0x48, 0x24,
        (byte) 0x89, 0x22, (byte) 0xe3, (byte) 0x86, 0x4f, (byte) 0xaf, 0x01, 0x70,
    };

    /** Returned when no capture time is found. */
    public static final long NOT_FOUND = -1;

    /** user_data_unregistered (H.264 Table D-1, H.265 Table D.1). */
    static final int USER_DATA_UNREGISTERED = 5;
    static final int PAYLOAD_SIZE = 24;

    /** Header (≤ 2) + escaped payload type, size, UUID, time and trailing byte (27 bytes, ≤ 13 escapes). */
    public static final int MAX_LENGTH = 2 + 27 + 14;

    private CaptureTimeSei() {
    }

    /**
     * Writes the SEI NAL unit (no start code) into {@code dst} at {@code offset}, which needs {@link #MAX_LENGTH}
     * bytes of room. Allocates nothing, so a sender can stamp every picture into one preallocated array.
     *
     * @return the NAL unit's length
     */
    public static int write(Codec codec, long captureMicros, byte[] dst, int offset) {
        int n = offset;
        if (codec == Codec.H265) {
            dst[n++] = (byte) (39 << 1);
            dst[n++] = 1;
        } else if (codec == Codec.H264) {
            dst[n++] = 6;
        } else {
            throw new IllegalArgumentException("SEI exists only for H.264 and H.265: " + codec);
        }
        int zeros = 0;
        for (int i = 0; i < 2 + PAYLOAD_SIZE + 1; i++) {
            int b = rbspByte(i, captureMicros);
            if (zeros >= 2 && b <= 3) {
                dst[n++] = 3;
                zeros = 0;
            }
            dst[n++] = (byte) b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n - offset;
    }

    /** The i-th byte of the SEI RBSP after the NAL header. */
    private static int rbspByte(int i, long micros) {
        if (i == 0) {
            return USER_DATA_UNREGISTERED;
        } else if (i == 1) {
            return PAYLOAD_SIZE;
        } else if (i < 2 + UUID.length) {
            return UUID[i - 2] & 0xff;
        } else if (i < 2 + PAYLOAD_SIZE) {
            return (int) (micros >>> (8 * (2 + PAYLOAD_SIZE - 1 - i))) & 0xff;
        }
        return 0x80;
    }

    /**
     * Writes the SEI NAL unit at {@code dst}'s writer index (which advances), allocating nothing beyond what
     * {@code dst} may need to grow. <b>Borrows</b> {@code dst}.
     *
     * @return the NAL unit's length
     */
    public static int write(Codec codec, long captureMicros, ByteBuf dst) {
        dst.ensureWritable(MAX_LENGTH);
        if (dst.hasArray()) {
            int len = write(codec, captureMicros, dst.array(), dst.arrayOffset() + dst.writerIndex());
            dst.writerIndex(dst.writerIndex() + len);
            return len;
        }
        byte[] tmp = new byte[MAX_LENGTH];
        int len = write(codec, captureMicros, tmp, 0);
        dst.writeBytes(tmp, 0, len);
        return len;
    }

    /** A new buffer holding the SEI NAL unit; the caller owns it. */
    public static ByteBuf build(Codec codec, long captureMicros, ByteBufAllocator alloc) {
        ByteBuf buf = alloc.heapBuffer(MAX_LENGTH);
        write(codec, captureMicros, buf);
        return buf;
    }

    /**
     * The capture time in the first Argus capture-time SEI among the access unit's units, or {@link #NOT_FOUND}.
     * <b>Borrows</b> {@code au}.
     */
    public static long read(AccessUnit au) {
        for (int i = 0; i < au.unitCount(); i++) {
            long t = read(au.codec(), au.unit(i));
            if (t != NOT_FOUND) {
                return t;
            }
        }
        return NOT_FOUND;
    }

    /**
     * The capture time if {@code nal} is an SEI NAL unit holding an Argus capture-time message (among any
     * others), else {@link #NOT_FOUND}. Never throws on malformed input. <b>Borrows</b> {@code nal}; its indexes
     * do not move.
     */
    public static long read(Codec codec, ByteBuf nal) {
        if (!nal.isReadable()) {
            return NOT_FOUND;
        }
        int b0 = nal.getUnsignedByte(nal.readerIndex());
        int headerLength;
        if (codec == Codec.H264 && (b0 & 0x1f) == 6) {
            headerLength = 1;
        } else if (codec == Codec.H265 && (((b0 >>> 1) & 0x3f) == 39 || ((b0 >>> 1) & 0x3f) == 40)) {
            headerLength = 2;
        } else {
            return NOT_FOUND;
        }
        return SeiMessageScanner.findCaptureTime(nal, nal.readerIndex() + headerLength, nal.writerIndex());
    }
}
