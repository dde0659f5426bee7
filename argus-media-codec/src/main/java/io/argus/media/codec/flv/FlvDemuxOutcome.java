package io.argus.media.codec.flv;

/** What one FLV tag body came to: per-packet outcomes are values, counted by the caller, never exceptions. */
public enum FlvDemuxOutcome {
    /** A sequence header: the track's format is (re)set. */
    FORMAT,
    /** An access unit went to the sink. */
    FRAME,
    /** Nothing to do (an end of sequence, an info frame, an empty frame). */
    IGNORED,
    /** A frame before the track's sequence header: it cannot be decoded, so it is dropped. */
    NEED_CONFIG,
    /** A codec Argus does not carry (see the demuxer's {@code unsupported()}). */
    UNSUPPORTED,
    /** A malformed body: truncated header, configuration record or NAL unit lengths. */
    CORRUPT
}
