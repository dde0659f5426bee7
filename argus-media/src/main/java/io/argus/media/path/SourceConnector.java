package io.argus.media.path;

/** Starts connection attempts for one kind of source (RTSP today). */
public interface SourceConnector {

    /** Whether this connector handles the URL's scheme (e.g. {@code rtsp}). */
    boolean supports(SourceConfig config);

    /**
     * Starts one attempt. The attempt reports through {@code listener}, from its own event loop, and updates
     * {@code counters}. It never throws for a bad camera: every failure ends in {@link SourceListener#onEnded}.
     */
    SourceAttempt connect(SourceConfig config, SourceListener listener, SourceCounters counters);
}
