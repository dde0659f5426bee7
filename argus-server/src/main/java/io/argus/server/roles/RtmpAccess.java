package io.argus.server.roles;

import io.argus.media.rtmp.server.RtmpAuthenticator;
import io.argus.media.rtmp.server.RtmpDecision;
import io.argus.media.rtmp.server.RtmpStreamKey;
import io.argus.media.rtsp.server.RtspAuthenticator.Action;
import io.argus.media.rtsp.server.RtspCredentials;
import io.argus.media.rtsp.server.RtspDecision;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * RTMP publishing under RTSP publishing's rules, by the same code: the stream key's {@code user}/{@code pass} (or
 * {@code token}/{@code key}, an API or session token) are Basic credentials to an {@link RtspAccess}, which checks
 * them off the event loop (cached, bounded, failures audited with {@code via: rtmp}) and decides as for an RTSP
 * ANNOUNCE: manage-cameras on the camera, or on the tenant to create one by publishing to a new name. A publish
 * under way is re-checked as an RTSP session is, and ends (an error onStatus, then the connection closes) once its
 * credential or right is gone.
 */
final class RtmpAccess implements RtmpAuthenticator {
    private final RtspAccess access;

    RtmpAccess(RtspAccess access) {
        this.access = access;
    }

    @Override
    public CompletionStage<RtmpDecision> publish(RtmpStreamKey key, InetSocketAddress client) {
        if (!key.hasCredentials() || key.path().isEmpty()) {
            return CompletableFuture.completedFuture(RtmpDecision.REFUSED);
        }
        RtspCredentials credentials = RtspCredentials.basic(key.user(), key.secret());
        String source = client.getAddress() == null ? client.toString() : client.getAddress().getHostAddress();
        return access.prepare(credentials, source).thenApply(v -> {
            RtspDecision d = access.authorize(Action.PUBLISH, key.path(), credentials, client);
            return switch (d.outcome()) {
                case ALLOWED -> RtmpDecision.allowed(d.pathKey(), d.grant());
                case NOT_FOUND -> RtmpDecision.NOT_FOUND;
                case REFUSED -> RtmpDecision.REFUSED;
            };
        });
    }
}
