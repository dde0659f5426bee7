package io.argus.webrtc;

import java.util.Arrays;
import org.jitsi.utils.ByteArrayBuffer;

/**
 * One RTP or RTCP packet in a byte array, as Jitsi's SRTP contexts transform it in place: they append the
 * authentication tag (and the SRTCP index) on protect and shrink on unprotect.
 */
final class SrtpPacket implements ByteArrayBuffer {

    /** What protection appends: a 10-byte HMAC-SHA1-80 tag, and SRTCP's 4-byte index before it. */
    static final int TRAILER = 14;

    private byte[] buffer;
    private int offset;
    private int length;

    SrtpPacket(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        length = len;
    }

    @Override
    public void setOffset(int off) {
        offset = off;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(buffer, offset + off, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > buffer.length) {
            buffer = Arrays.copyOf(buffer, offset + length + howMuch);
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        length = Math.max(0, length - len);
    }
}
