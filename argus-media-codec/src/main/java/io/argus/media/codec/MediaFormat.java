package io.argus.media.codec;

import java.util.Arrays;

/**
 * What a track carries and what a decoder or muxer needs to start it: the codec, its RTP clock rate and its
 * out-of-band parameters. Immutable; when a camera changes parameter sets in band, a new instance replaces
 * the old one.
 */
public sealed interface MediaFormat {

    Codec codec();

    /** Ticks per second of this track's timestamps (RTP clock rate): 90 000 for video, the sample rate for AAC. */
    int clockRate();

    /** H.264 (ITU-T H.264): SPS and PPS without start codes; either may be empty until seen in band. */
    record H264(byte[] sps, byte[] pps) implements MediaFormat {
        public H264 {
            sps = sps == null ? new byte[0] : sps.clone();
            pps = pps == null ? new byte[0] : pps.clone();
        }

        @Override
        public Codec codec() {
            return Codec.H264;
        }

        @Override
        public int clockRate() {
            return 90_000;
        }

        public boolean hasParameterSets() {
            return sps.length > 0 && pps.length > 0;
        }

        @Override
        public byte[] sps() {
            return sps.clone();
        }

        @Override
        public byte[] pps() {
            return pps.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof H264 h && Arrays.equals(sps, h.sps) && Arrays.equals(pps, h.pps);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(sps) + Arrays.hashCode(pps);
        }

        @Override
        public String toString() {
            return "H264[sps=" + sps.length + "B, pps=" + pps.length + "B]";
        }
    }

    /** H.265 (ITU-T H.265): VPS, SPS and PPS without start codes; any may be empty until seen in band. */
    record H265(byte[] vps, byte[] sps, byte[] pps) implements MediaFormat {
        public H265 {
            vps = vps == null ? new byte[0] : vps.clone();
            sps = sps == null ? new byte[0] : sps.clone();
            pps = pps == null ? new byte[0] : pps.clone();
        }

        @Override
        public Codec codec() {
            return Codec.H265;
        }

        @Override
        public int clockRate() {
            return 90_000;
        }

        public boolean hasParameterSets() {
            return vps.length > 0 && sps.length > 0 && pps.length > 0;
        }

        @Override
        public byte[] vps() {
            return vps.clone();
        }

        @Override
        public byte[] sps() {
            return sps.clone();
        }

        @Override
        public byte[] pps() {
            return pps.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof H265 h && Arrays.equals(vps, h.vps) && Arrays.equals(sps, h.sps)
                    && Arrays.equals(pps, h.pps);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(vps) + Arrays.hashCode(sps)) + Arrays.hashCode(pps);
        }

        @Override
        public String toString() {
            return "H265[vps=" + vps.length + "B, sps=" + sps.length + "B, pps=" + pps.length + "B]";
        }
    }

    /**
     * AAC carried as RFC 3640 mpeg4-generic (AAC-hbr): the AudioSpecificConfig (ISO 14496-3 §1.6.2.1),
     * sample rate and channel count.
     */
    record Aac(byte[] audioSpecificConfig, int sampleRate, int channels) implements MediaFormat {
        public Aac {
            if (sampleRate <= 0) {
                throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
            }
            if (channels <= 0 || channels > 8) {
                throw new IllegalArgumentException("channels must be 1..8: " + channels);
            }
            audioSpecificConfig = audioSpecificConfig == null ? new byte[0] : audioSpecificConfig.clone();
        }

        @Override
        public Codec codec() {
            return Codec.AAC;
        }

        @Override
        public int clockRate() {
            return sampleRate;
        }

        @Override
        public byte[] audioSpecificConfig() {
            return audioSpecificConfig.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Aac a && Arrays.equals(audioSpecificConfig, a.audioSpecificConfig)
                    && sampleRate == a.sampleRate && channels == a.channels;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(audioSpecificConfig) + sampleRate) + channels;
        }

        @Override
        public String toString() {
            return "AAC[" + sampleRate + "Hz x" + channels + ", asc=" + audioSpecificConfig.length + "B]";
        }
    }
}
