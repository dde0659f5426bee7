package io.argus.media.stream;

import io.argus.media.codec.AccessUnit;

/** What a reader does with the access units of a stream, called on the reader's executor only. */
public interface StreamConsumer {

    /** <b>Takes ownership</b> of {@code au}. Must not block. */
    void onAccessUnit(AccessUnit au);

    /**
     * Whether the consumer can take more now (e.g. its channel is writable). When false, the reader stops
     * draining; its queue fills and then skips to the next keyframe. Call {@link StreamReader#resume()} when
     * ready again.
     */
    default boolean isReady() {
        return true;
    }

    /** The stream ended (source gone, or the reader was dropped). Called once, on the reader's executor. */
    default void onClose() {
    }
}
