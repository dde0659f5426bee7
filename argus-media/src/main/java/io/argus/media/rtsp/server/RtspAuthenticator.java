package io.argus.media.rtsp.server;

import java.net.InetSocketAddress;

/**
 * Decides whether a request may read from or publish to a path. The server module plugs in its user store;
 * the default allows everything. Called on an event loop: it must not block (look credentials up in memory).
 */
@FunctionalInterface
public interface RtspAuthenticator {

    /** Anyone may read and publish: the default of a single-user box on a trusted network. */
    RtspAuthenticator ALLOW_ALL = (action, path, credentials) -> true;

    enum Action {
        /** DESCRIBE, SETUP and PLAY. */
        READ,
        /** ANNOUNCE, SETUP (record) and RECORD. */
        PUBLISH
    }

    /**
     * @param path        the path name or id from the URL
     * @param credentials the request's Authorization, or null when it sent none (a false answer then makes the
     *                    server challenge with Digest and Basic)
     */
    boolean authorize(Action action, String path, RtspCredentials credentials);

    /**
     * What the server calls: {@link #authorize(Action, String, RtspCredentials)} with the client's address too,
     * for authenticators that record who asked (an audit log). Must not block either.
     */
    default boolean authorize(Action action, String path, RtspCredentials credentials, InetSocketAddress client) {
        return authorize(action, path, credentials);
    }
}
