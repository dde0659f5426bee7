package io.argus.media.path;

import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.Stream;
import java.util.List;
import java.util.concurrent.Executor;

/** What a source attempt (or a publisher) reports to its {@link Path}. */
public interface SourceListener {

    /**
     * Media setup is done and media will flow. Returns the stream to publish into; its writer thread is
     * {@code writer} (the attempt's event loop), which must be the only thread that calls
     * {@link Stream#publish}.
     */
    Stream onReady(List<MediaFormat> formats, Executor writer);

    /** The attempt is over, with the reason in words for operators (never a stack trace). */
    void onEnded(String reason);
}
