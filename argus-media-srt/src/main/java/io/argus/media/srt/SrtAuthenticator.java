package io.argus.media.srt;

import io.argus.media.path.AccessGrant;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether an SRT caller may publish to the camera its streamid names. Called on libsrt's receiver thread
 * during the handshake (the only point where a refusal can carry a reject code); the server waits for the answer at
 * most {@link SrtServer#DECISION_WAIT}, so a check that hashes a password must run elsewhere and answer later.
 */
@FunctionalInterface
public interface SrtAuthenticator {

    /** Anyone may publish anywhere, the streamid's resource being the path's key: for tests and trusted networks. */
    SrtAuthenticator ALLOW_ALL = (id, client) -> CompletableFuture.completedFuture(id.resource().isEmpty()
            ? SrtDecision.refused(SrtRejectCodes.NOT_FOUND, "no resource (r=) in the streamid")
            : SrtDecision.allowed(id.resource(), AccessGrant.PERMANENT));

    CompletionStage<SrtDecision> publish(SrtStreamId streamId, InetSocketAddress client);
}
