package io.argus.media.path;

/** One connection to a source; closing it tears the connection down (RTSP TEARDOWN, then close). */
public interface SourceAttempt extends AutoCloseable {
    @Override
    void close();
}
