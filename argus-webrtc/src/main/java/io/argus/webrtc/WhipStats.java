package io.argus.webrtc;

/**
 * One WHIP publisher's numbers, as its camera's API and the metrics show them.
 *
 * @param remote               the address ICE selected, null before the first check
 * @param state                {@code new}, {@code connecting}, {@code waiting-keyframe}, {@code live} or {@code closed}
 * @param packetsLost          sequence gaps seen on arrival (each asked for again with a NACK when small)
 * @param nacksSent            NACK packets sent
 * @param keyframeRequests     PLIs sent (at the start, after a loss a NACK could not repair)
 * @param audioPacketsDropped  Opus packets received and dropped: the stream hub carries H.264, H.265 and AAC only
 * @param otherPacketsDropped  RTP of a payload type not answered, and SRTP or SRTCP that failed authentication
 */
public record WhipStats(String id, String owner, String remote, String state, long packetsReceived,
                        long bytesReceived, long packetsLost, long nacksSent, long keyframeRequests,
                        long audioPacketsDropped, long otherPacketsDropped) {
}
