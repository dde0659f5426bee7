package io.argus.media.codec;

/** Receives completed access units from a depacketizer, demuxer or file reader. */
@FunctionalInterface
public interface AccessUnitSink {
    /** <b>Takes ownership</b> of {@code au}: the sink releases it, or passes the reference on. */
    void accept(AccessUnit au);
}
