package io.argus.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * RTP packets captured from real senders (ffmpeg, GStreamer) under {@code io/argus/testkit/rtp/}; the README
 * beside them gives the commands. File format: a sequence of records, each a 4-byte big-endian length and then
 * that many bytes of one RTP packet as received.
 */
public enum RtpCapture {
    /** ffmpeg {@code -f rtp} of {@link SampleMedia#H264_1080P25}: single NAL units and FU-A. */
    H264_1080P25_FFMPEG("h264-1080p25.ffmpeg.rtp", SampleMedia.H264_1080P25),
    /** ffmpeg {@code -f rtp -pkt_size 600} of {@link SampleMedia#H264_360P25}: mostly FU-A. */
    H264_360P25_FFMPEG_MTU600("h264-360p25.ffmpeg-mtu600.rtp", SampleMedia.H264_360P25),
    /** GStreamer {@code rtph264pay aggregate-mode=zero-latency}: STAP-A for SPS+PPS(+SEI), FU-A. */
    H264_360P25_GST_STAPA("h264-360p25.gst-stapa.rtp", SampleMedia.H264_360P25),
    /** ffmpeg {@code -f rtp} of {@link SampleMedia#H265_1080P25}: single, AP and FU. */
    H265_1080P25_FFMPEG("h265-1080p25.ffmpeg.rtp", SampleMedia.H265_1080P25),
    /** GStreamer {@code rtph265pay aggregate-mode=zero-latency}: AP for VPS+SPS+PPS, FU. */
    H265_360P25_GST_AP("h265-360p25.gst-ap.rtp", SampleMedia.H265_360P25),
    /**
     * ffmpeg {@code -f rtp} of {@link SampleMedia#AAC_48K}: RFC 3640 AAC-hbr, several AUs per packet. ffmpeg 5.1
     * does not send the frames still aggregated when the input ends, so the last frame is missing.
     */
    AAC_48K_FFMPEG("aac-48k.ffmpeg.rtp", SampleMedia.AAC_48K, SampleMedia.AAC_48K.frames() - 1),
    /** ffmpeg {@code -f rtp -pkt_size 100} of {@link SampleMedia#AAC_48K}: AUs fragmented over packets. */
    AAC_48K_FFMPEG_MTU100("aac-48k.ffmpeg-mtu100.rtp", SampleMedia.AAC_48K);

    private static final String DIR = "/io/argus/testkit/rtp/";

    private final String fileName;
    private final SampleMedia source;
    private final int frames;

    RtpCapture(String fileName, SampleMedia source) {
        this(fileName, source, source.frames());
    }

    RtpCapture(String fileName, SampleMedia source, int frames) {
        this.fileName = fileName;
        this.source = source;
        this.frames = frames;
    }

    /** How many of the source's pictures or frames the capture carries: the first {@code frames()}. */
    public int frames() {
        return frames;
    }

    public String fileName() {
        return fileName;
    }

    /** The sample that was sent. */
    public SampleMedia source() {
        return source;
    }

    /** The packets in arrival order, each a fresh array. */
    public List<byte[]> packets() {
        return parse(Resources.bytes(DIR + fileName));
    }

    /** Splits the capture format into packets; fails on a truncated record. */
    public static List<byte[]> parse(byte[] file) {
        List<byte[]> packets = new ArrayList<>();
        int pos = 0;
        while (pos < file.length) {
            if (pos + 4 > file.length) {
                throw new IllegalArgumentException("truncated length at " + pos);
            }
            int len = ((file[pos] & 0xff) << 24) | ((file[pos + 1] & 0xff) << 16) | ((file[pos + 2] & 0xff) << 8)
                    | (file[pos + 3] & 0xff);
            pos += 4;
            if (len < 0 || pos + len > file.length) {
                throw new IllegalArgumentException("truncated packet at " + pos);
            }
            byte[] p = new byte[len];
            System.arraycopy(file, pos, p, 0, len);
            packets.add(p);
            pos += len;
        }
        return packets;
    }
}
