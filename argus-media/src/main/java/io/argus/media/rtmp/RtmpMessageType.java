package io.argus.media.rtmp;

/** RTMP message type ids (§5.4 protocol control, §6.2 user control, §7.1 messages). */
public final class RtmpMessageType {
    public static final int SET_CHUNK_SIZE = 1;
    public static final int ABORT = 2;
    public static final int ACKNOWLEDGEMENT = 3;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACK_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    /** AMF3 data: one 0 byte (the AMF0 format selector that encoders put first), then AMF0. */
    public static final int DATA_AMF3 = 15;
    /** AMF3 command: as {@link #DATA_AMF3}. */
    public static final int COMMAND_AMF3 = 17;
    public static final int DATA_AMF0 = 18;
    public static final int COMMAND_AMF0 = 20;

    private RtmpMessageType() {
    }
}
