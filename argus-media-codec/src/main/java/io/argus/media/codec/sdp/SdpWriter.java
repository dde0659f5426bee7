package io.argus.media.codec.sdp;

import io.argus.media.codec.MediaFormat;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Describes Argus's own streams (RTSP server DESCRIBE): one m= section per track, payload type
 * {@link #payloadType(int)}, control {@code trackID=<index>} relative to the stream URL, parameter sets in
 * the fmtp so players start without waiting for them in band.
 */
public final class SdpWriter {

    /** First dynamic payload type (RFC 3551 §6); track i uses 96 + i. */
    public static final int FIRST_DYNAMIC_PAYLOAD_TYPE = 96;

    private SdpWriter() {
    }

    /** The payload type track {@code index} is sent with. */
    public static int payloadType(int index) {
        return FIRST_DYNAMIC_PAYLOAD_TYPE + index;
    }

    /** The control value of track {@code index}, relative to the stream URL. */
    public static String control(int index) {
        return "trackID=" + index;
    }

    /**
     * @param sessionName the {@code s=} value (the stream's name)
     * @param address     this host's address for the {@code o=} line
     */
    public static String write(List<MediaFormat> formats, String sessionName, String address) {
        StringBuilder sb = new StringBuilder(512);
        line(sb, "v=0");
        line(sb, "o=- 0 0 IN IP4 " + address);
        line(sb, "s=" + (sessionName.isBlank() ? "Stream" : sessionName.replaceAll("[\\r\\n]", " ")));
        line(sb, "c=IN IP4 0.0.0.0");
        line(sb, "t=0 0");
        line(sb, "a=tool:Argus");
        line(sb, "a=control:*");
        for (int i = 0; i < formats.size(); i++) {
            media(sb, i, formats.get(i));
        }
        return sb.toString();
    }

    private static void media(StringBuilder sb, int index, MediaFormat format) {
        int pt = payloadType(index);
        String kind = format.codec().isVideo() ? "video" : "audio";
        line(sb, "m=" + kind + " 0 RTP/AVP " + pt);
        switch (format) {
            case MediaFormat.H264 h -> {
                line(sb, "a=rtpmap:" + pt + " H264/90000");
                StringBuilder fmtp = new StringBuilder("packetization-mode=1");
                byte[] sps = h.sps();
                if (sps.length >= 4) {
                    fmtp.append("; profile-level-id=").append(HexFormat.of().withUpperCase().formatHex(sps, 1, 4));
                }
                if (h.hasParameterSets()) {
                    fmtp.append("; sprop-parameter-sets=").append(b64(sps)).append(',').append(b64(h.pps()));
                }
                line(sb, "a=fmtp:" + pt + " " + fmtp);
            }
            case MediaFormat.H265 h -> {
                line(sb, "a=rtpmap:" + pt + " H265/90000");
                if (h.hasParameterSets()) {
                    line(sb, "a=fmtp:" + pt + " sprop-vps=" + b64(h.vps()) + "; sprop-sps=" + b64(h.sps())
                            + "; sprop-pps=" + b64(h.pps()));
                }
            }
            case MediaFormat.Aac a -> {
                line(sb, "a=rtpmap:" + pt + " MPEG4-GENERIC/" + a.sampleRate() + "/" + a.channels());
                line(sb, "a=fmtp:" + pt + " streamtype=5; profile-level-id=1; mode=AAC-hbr; sizelength=13;"
                        + " indexlength=3; indexdeltalength=3; config="
                        + HexFormat.of().withUpperCase().formatHex(a.audioSpecificConfig()));
            }
        }
        line(sb, "a=control:" + control(index));
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append("\r\n");
    }
}
