package io.argus.webrtc;

/**
 * One viewer's counters as the server and its RTCP see them, for node stats and metrics.
 *
 * @param camera              what the session was opened for (the camera id)
 * @param state               {@code new}, {@code connecting} (ICE done, DTLS under way), {@code playing}
 * @param rttMillis           round trip from the last receiver report (RFC 3550 §6.4.1 LSR/DLSR); -1 before one
 * @param fractionLost        the last receiver report's fraction lost, 0–255 (RFC 3550 §6.4.1)
 * @param cumulativeLost      packets the viewer has missed in all
 * @param nacks               packets the viewer asked for again (RFC 4585 generic NACK)
 * @param retransmitted       of those, packets still in the history and sent again
 * @param keyframeRequests    PLI and FIR received
 * @param resyncs             of those, answered by restarting the viewer on the stream's cached keyframe
 * @param bitrateBps          payload bits per second sent over the last second
 * @param firstPacketMillis   from the offer to the first video packet sent; -1 before it
 */
public record WhepStats(String id, String camera, String remote, String state, long packetsSent, long bytesSent,
                        long rttMillis, int fractionLost, long cumulativeLost, long nacks, long retransmitted,
                        long keyframeRequests, long resyncs, long bitrateBps, long firstPacketMillis) {
}
