package io.argus.media.srt;

/**
 * One SRT connection's receive counters since it opened, from libsrt's {@code srt_bstats}.
 *
 * @param bytes         bytes received, retransmissions included
 * @param packets       data packets received
 * @param lost          packets found missing (each later retransmitted or dropped)
 * @param retransmitted retransmitted packets received
 * @param dropped       packets that came too late to play (lost for good)
 * @param undecrypted   packets that failed to decrypt
 * @param rttMillis     the smoothed round-trip time
 * @param mbps          the receive rate
 */
public record SrtStats(long bytes, long packets, long lost, long retransmitted, long dropped, long undecrypted,
                       double rttMillis, double mbps) {
}
