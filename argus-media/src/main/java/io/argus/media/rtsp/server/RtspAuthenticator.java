package io.argus.media.rtsp.server;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a request may read from or publish to a path. The server module plugs in its user store;
 * the default allows everything. {@link #authorize} is called on an event loop and must not block: work that
 * blocks (a password hash, a database) belongs in {@link #prepare}, which the connection waits for, off the event
 * loop, before it handles the request.
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
     * Readies what {@link #authorize} will need for a request with these credentials (null: none) on this path
     * (null: none in the URL), e.g. checks a password and caches the result. The connection handles the request,
     * and the ones after it, only once this completes.
     *
     * @param source the client's address (for per-address lockouts)
     */
    default CompletionStage<Void> prepare(RtspCredentials credentials, String path, String source) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Whether a 401 offers Digest as well as Basic. Digest needs the password (or its HA1) in memory; a store that
     * keeps only slow hashes can check Basic alone, and clients offered both would pick Digest.
     */
    default boolean offersDigest() {
        return true;
    }

    /**
     * What the server calls: {@link #authorize(Action, String, RtspCredentials)} with the client's address too,
     * for authenticators that record who asked (an audit log). Must not block either.
     */
    default boolean authorize(Action action, String path, RtspCredentials credentials, InetSocketAddress client) {
        return authorize(action, path, credentials);
    }
}
