package io.argus.media.codec.sei;

import io.netty.buffer.ByteBuf;

/**
 * Walks the sei_message()s of an SEI RBSP (H.264 §7.3.2.3.1) straight from the escaped NAL bytes, skipping
 * emulation prevention bytes on the fly, so reading allocates nothing but this small cursor.
 */
final class SeiMessageScanner {

    private final ByteBuf buf;
    private final int end;
    private int pos;
    private int zeros;

    private SeiMessageScanner(ByteBuf buf, int from, int end) {
        this.buf = buf;
        this.pos = from;
        this.end = end;
    }

    /** See {@link CaptureTimeSei#read(io.argus.media.codec.Codec, ByteBuf)}. */
    static long findCaptureTime(ByteBuf nal, int from, int end) {
        SeiMessageScanner s = new SeiMessageScanner(nal, from, end);
        while (s.moreMessages()) {
            int type = s.readVariable();
            int size = s.readVariable();
            if (type < 0 || size < 0) {
                return CaptureTimeSei.NOT_FOUND;
            }
            int uuidLength = CaptureTimeSei.UUID.length;
            if (type == CaptureTimeSei.USER_DATA_UNREGISTERED && size >= uuidLength) {
                boolean ours = s.matchesUuid();
                if (ours && size >= CaptureTimeSei.PAYLOAD_SIZE) {
                    return s.readLong();
                }
                size -= uuidLength;
            }
            if (!s.skip(size)) {
                return CaptureTimeSei.NOT_FOUND;
            }
        }
        return CaptureTimeSei.NOT_FOUND;
    }

    /** More messages follow unless only the rbsp trailing bits (0x80, then zeros) remain. */
    private boolean moreMessages() {
        return pos < end && !(buf.getUnsignedByte(pos) == 0x80 && pos + 1 >= end);
    }

    /** The next RBSP byte, or -1 at the end. */
    private int next() {
        if (pos >= end) {
            return -1;
        }
        int b = buf.getUnsignedByte(pos++);
        if (zeros >= 2 && b == 3) {
            zeros = 0;
            if (pos >= end) {
                return -1;
            }
            b = buf.getUnsignedByte(pos++);
        }
        zeros = b == 0 ? zeros + 1 : 0;
        return b;
    }

    /** payloadType / payloadSize: a run of 0xFF bytes (255 each) plus a last byte; -1 if cut short. */
    private int readVariable() {
        int v = 0;
        int b;
        while ((b = next()) == 0xff) {
            v += 255;
            if (v > 1 << 20) {
                return -1;
            }
        }
        return b < 0 ? -1 : v + b;
    }

    /** Consumes 16 bytes; true if they are the Argus UUID. */
    private boolean matchesUuid() {
        boolean match = true;
        for (byte u : CaptureTimeSei.UUID) {
            match &= next() == (u & 0xff);
        }
        return match;
    }

    /** 8 bytes big-endian, or {@link CaptureTimeSei#NOT_FOUND} if cut short. */
    private long readLong() {
        long t = 0;
        for (int i = 0; i < 8; i++) {
            int b = next();
            if (b < 0) {
                return CaptureTimeSei.NOT_FOUND;
            }
            t = (t << 8) | b;
        }
        return t;
    }

    private boolean skip(int n) {
        for (int i = 0; i < n; i++) {
            if (next() < 0) {
                return false;
            }
        }
        return true;
    }
}
