package io.argus.media.codec.sdp;

/** Reads the channel configuration of an AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1). */
final class AudioSpecificConfigs {

    private AudioSpecificConfigs() {
    }

    /** Channel count, or 0 if unknown. {@code asc} has at least 2 bytes. */
    static int channels(byte[] asc) {
        long bits = 0;
        for (int i = 0; i < Math.min(asc.length, 5); i++) {
            bits |= (asc[i] & 0xffL) << (32 - 8 * i);
        }
        int pos = 40;
        int objectType = (int) (bits >>> (pos -= 5)) & 0x1f;
        if (objectType == 31) {
            pos -= 6;
        }
        int freqIndex = (int) (bits >>> (pos -= 4)) & 0xf;
        if (freqIndex == 15) {
            pos -= 24;
        }
        if (pos < 4) {
            return 0;
        }
        int config = (int) (bits >>> (pos - 4)) & 0xf;
        return config == 7 ? 8 : config <= 6 ? config : 0;
    }
}
