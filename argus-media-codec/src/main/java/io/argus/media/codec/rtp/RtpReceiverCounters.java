package io.argus.media.codec.rtp;

/** The counters of one {@link RtpReceiver}; plain fields, touched by the receiver's thread only. */
final class RtpReceiverCounters {
    long received;
    long bytes;
    long lost;
    long reordered;
    long invalid;
    long duplicate;
    long late;
}
