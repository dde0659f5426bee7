package io.argus.media.codec.sdp;

import java.util.List;

/**
 * One {@code m=} section (RFC 8866 §5.14) with the attributes Argus uses.
 *
 * @param type      {@code video}, {@code audio}, {@code application}, …
 * @param port      the port on the m= line (0 in RTSP descriptions)
 * @param protocol  e.g. {@code RTP/AVP}
 * @param payloads  the payload types in m= line order, each with its rtpmap and fmtp
 * @param control   the media-level {@code a=control} value, or null
 * @param direction {@code sendrecv}, {@code recvonly}, {@code sendonly} or {@code inactive}; null if absent
 */
public record MediaDescription(String type, int port, String protocol, List<RtpPayload> payloads, String control,
                               String direction) {
    public MediaDescription {
        payloads = List.copyOf(payloads);
    }
}
