package io.argus.media.rtmp.server;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a publisher may push to the path its stream key names, and which path that is. Called on the
 * connection's event loop; may complete later, on any thread (a password hash runs off the event loop). Completing
 * exceptionally means it cannot decide now (overloaded): the publisher is told to try again and disconnected.
 */
@FunctionalInterface
public interface RtmpAuthenticator {

    /** Anyone may publish anywhere, the URL's path being the path's key: for tests and trusted networks. */
    RtmpAuthenticator ALLOW_ALL = (key, client) -> CompletableFuture.completedFuture(RtmpDecision.allowed(key.path()));

    CompletionStage<RtmpDecision> publish(RtmpStreamKey key, InetSocketAddress client);
}
