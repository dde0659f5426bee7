package io.argus.media.codec;

/** A media codec Argus carries end to end without re-encoding. */
public enum Codec {
    H264(true, "H264"),
    H265(true, "H265"),
    AAC(false, "MPEG4-GENERIC");

    private final boolean video;
    private final String rtpEncodingName;

    Codec(boolean video, String rtpEncodingName) {
        this.video = video;
        this.rtpEncodingName = rtpEncodingName;
    }

    public boolean isVideo() {
        return video;
    }

    /** The encoding name used in an SDP {@code a=rtpmap} line. */
    public String rtpEncodingName() {
        return rtpEncodingName;
    }
}
