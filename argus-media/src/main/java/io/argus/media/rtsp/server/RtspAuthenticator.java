package io.argus.media.rtsp.server;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a request may read from or publish to the path its URL names, and which path that is. The
 * server module plugs in its user store; the default allows everything and takes the URL's path as the path's
 * key. {@link #authorize} is called on an event loop and must not block: work that blocks (a password hash, a
 * database) belongs in {@link #prepare}, which the connection waits for, off the event loop, before it handles
 * the request.
 */
@FunctionalInterface
public interface RtspAuthenticator {

    /** Anyone may read and publish: the default of a single-user box on a trusted network. */
    RtspAuthenticator ALLOW_ALL = (action, path, credentials, client) -> RtspDecision.allowed(path);

    enum Action {
        /** DESCRIBE, SETUP and PLAY. */
        READ,
        /** ANNOUNCE, SETUP (record) and RECORD. */
        PUBLISH
    }

    /**
     * @param path        the path from the URL, without leading or trailing slashes and without a track suffix
     * @param credentials the request's Authorization, or null when it sent none (a refusal then makes the
     *                    server challenge with Digest and Basic)
     * @param client      the client's address, for authenticators that record who asked (an audit log)
     */
    RtspDecision authorize(Action action, String path, RtspCredentials credentials, InetSocketAddress client);

    /**
     * Readies what {@link #authorize} will need for a request with these credentials (null: none), e.g. checks a
     * password and caches the result. A connection handles its requests in order and prepares one only when the
     * one before it has been answered, so one connection never has two preparations running. Completing
     * exceptionally means the authenticator cannot decide now (overloaded): the request is answered 503.
     *
     * @param source the client's address (for per-address lockouts)
     */
    default CompletionStage<Void> prepare(RtspCredentials credentials, String source) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Whether a 401 offers Digest as well as Basic. Digest needs the password (or its HA1) in memory; a store that
     * keeps only slow hashes can check Basic alone, and clients offered both would pick Digest.
     */
    default boolean offersDigest() {
        return true;
    }
}
