package io.argus.server;

/**
 * A part of the node that starts and stops as a unit (metadata, media, RTSP server, HTTP API). Roles start in
 * table order and stop in reverse, so a role may use those before it while it runs.
 */
public interface Role {
    /** Short name for logs and start-up errors, e.g. {@code http}. */
    String name();

    void start() throws Exception;

    /** Releases what {@link #start} took; called only after a successful start. */
    void stop() throws Exception;
}
