package io.argus.media.codec.aac;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.bits.BitReader;

/**
 * The AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1) as far as AAC needs it: object type, sample rate and
 * channel configuration. Explicit (escaped) sample rates and object types above 31 are read; the
 * GASpecificConfig is read only for frameLengthFlag.
 *
 * @param objectType           audio object type: 2 is AAC-LC, 5 SBR (HE-AAC), 29 PS
 * @param sampleRate           samples per second
 * @param channelConfiguration 1..7 (7 is 7.1: eight channels); 0 means a program config element (unsupported)
 * @param frameLength          samples per frame: 1024, or 960 when frameLengthFlag is set
 */
public record AudioSpecificConfig(int objectType, int sampleRate, int channelConfiguration, int frameLength) {

    /** Table 1.16 (samplingFrequencyIndex); index 15 means the rate follows explicitly in 24 bits. */
    private static final int[] SAMPLE_RATES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
    };
    private static final int EXPLICIT_RATE = 15;
    /** Object type escape: the real type is 32 plus the next 6 bits. */
    private static final int ESCAPE_OBJECT_TYPE = 31;

    public AudioSpecificConfig {
        if (objectType <= 0 || sampleRate <= 0 || channelConfiguration < 0 || channelConfiguration > 7) {
            throw new IllegalArgumentException("invalid AudioSpecificConfig: type " + objectType + ", rate "
                    + sampleRate + ", channels " + channelConfiguration);
        }
        if (frameLength != 1024 && frameLength != 960) {
            throw new IllegalArgumentException("frame length must be 1024 or 960: " + frameLength);
        }
    }

    /** AAC-LC with 1024-sample frames. */
    public static AudioSpecificConfig aacLc(int sampleRate, int channelConfiguration) {
        return new AudioSpecificConfig(2, sampleRate, channelConfiguration, 1024);
    }

    /**
     * Parses the bytes of an AudioSpecificConfig (as in SDP {@code config=} or an MP4 esds).
     *
     * @throws IllegalArgumentException if truncated or invalid
     */
    public static AudioSpecificConfig parse(byte[] asc) {
        BitReader r = new BitReader(asc);
        int objectType = r.readInt(5);
        if (objectType == ESCAPE_OBJECT_TYPE) {
            objectType = 32 + r.readInt(6);
        }
        int index = r.readInt(4);
        int rate = index == EXPLICIT_RATE ? r.readInt(24) : rateOf(index);
        int channels = r.readInt(4);
        int frameLength = 1024;
        if (r.bitsLeft() > 0 && r.readFlag()) {
            frameLength = 960;
        }
        return new AudioSpecificConfig(objectType, rate, channels, frameLength);
    }

    /** The sample rate for a samplingFrequencyIndex 0..12. */
    public static int rateOf(int index) {
        if (index < 0 || index >= SAMPLE_RATES.length) {
            throw new IllegalArgumentException("reserved sampling frequency index: " + index);
        }
        return SAMPLE_RATES[index];
    }

    /** The samplingFrequencyIndex of this rate, or 15 (explicit) if it has none. */
    public int frequencyIndex() {
        for (int i = 0; i < SAMPLE_RATES.length; i++) {
            if (SAMPLE_RATES[i] == sampleRate) {
                return i;
            }
        }
        return EXPLICIT_RATE;
    }

    /** Channels the configuration stands for (configuration 7 is eight channels). */
    public int channels() {
        return channelConfiguration == 7 ? 8 : channelConfiguration;
    }

    /** The shortest encoding (2 bytes for AAC-LC at a tabled rate), as in SDP {@code config=}. */
    public byte[] toBytes() {
        long bits = 0;
        int n = 0;
        if (objectType >= ESCAPE_OBJECT_TYPE) {
            bits = (ESCAPE_OBJECT_TYPE << 6) | (objectType - 32);
            n = 11;
        } else {
            bits = objectType;
            n = 5;
        }
        int index = frequencyIndex();
        bits = (bits << 4) | index;
        n += 4;
        if (index == EXPLICIT_RATE) {
            bits = (bits << 24) | sampleRate;
            n += 24;
        }
        bits = (bits << 4) | channelConfiguration;
        bits = (bits << 3) | (frameLength == 960 ? 4 : 0);
        n += 7;
        int bytes = (n + 7) / 8;
        bits <<= 8L * bytes - n;
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) (bits >>> (8 * (bytes - 1 - i)));
        }
        return out;
    }

    /** The track format for this config. */
    public MediaFormat.Aac toMediaFormat() {
        return new MediaFormat.Aac(toBytes(), sampleRate, Math.max(1, channels()));
    }
}
