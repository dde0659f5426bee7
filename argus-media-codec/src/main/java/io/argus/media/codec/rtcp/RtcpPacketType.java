package io.argus.media.codec.rtcp;

/** RTCP packet types (RFC 3550 §12.1). */
public final class RtcpPacketType {
    /** Sender report (§6.4.1). */
    public static final int SR = 200;
    /** Receiver report (§6.4.2). */
    public static final int RR = 201;
    /** Source description (§6.5). */
    public static final int SDES = 202;
    /** Goodbye (§6.6). */
    public static final int BYE = 203;
    /** Application-defined (§6.7): parsed as unknown. */
    public static final int APP = 204;

    private RtcpPacketType() {
    }
}
