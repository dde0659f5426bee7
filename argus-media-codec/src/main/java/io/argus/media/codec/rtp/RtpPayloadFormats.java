package io.argus.media.codec.rtp;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.AudioSpecificConfig;
import io.argus.media.codec.rtp.aac.AacDepacketizer;
import io.argus.media.codec.rtp.aac.AacPacketizer;
import io.argus.media.codec.rtp.h264.H264Depacketizer;
import io.argus.media.codec.rtp.h264.H264Packetizer;
import io.argus.media.codec.rtp.h265.H265Depacketizer;
import io.argus.media.codec.rtp.h265.H265Packetizer;

/** The RTP payload format for each {@link MediaFormat}: one place that maps a track to its (de)packetizer. */
public final class RtpPayloadFormats {

    private RtpPayloadFormats() {
    }

    /** A depacketizer for track 0. */
    public static RtpDepacketizer depacketizer(MediaFormat f) {
        return depacketizer(f, 0);
    }

    /** A depacketizer whose access units carry {@code track}; AAC uses the AAC-hbr AU header layout. */
    public static RtpDepacketizer depacketizer(MediaFormat f, int track) {
        return switch (f) {
            case MediaFormat.H264 h264 -> new H264Depacketizer(h264, track);
            case MediaFormat.H265 h265 -> new H265Depacketizer(h265, track);
            case MediaFormat.Aac aac -> new AacDepacketizer(aac, track);
        };
    }

    /**
     * A packetizer.
     *
     * @param mtu largest RTP packet to produce, header included (e.g. 1400 over UDP)
     */
    public static RtpPacketizer packetizer(MediaFormat f, int payloadType, long ssrc, int initialSequence, int mtu) {
        return switch (f) {
            case MediaFormat.H264 h264 -> new H264Packetizer(payloadType, ssrc, initialSequence, mtu);
            case MediaFormat.H265 h265 -> new H265Packetizer(payloadType, ssrc, initialSequence, mtu);
            case MediaFormat.Aac aac -> new AacPacketizer(payloadType, ssrc, initialSequence, mtu, frameLength(aac));
        };
    }

    private static int frameLength(MediaFormat.Aac aac) {
        try {
            return AudioSpecificConfig.parse(aac.audioSpecificConfig()).frameLength();
        } catch (IllegalArgumentException e) {
            return 1024;
        }
    }
}
