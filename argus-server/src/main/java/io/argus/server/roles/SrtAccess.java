package io.argus.server.roles;

import io.argus.media.rtsp.server.RtspAuthenticator.Action;
import io.argus.media.rtsp.server.RtspCredentials;
import io.argus.media.rtsp.server.RtspDecision;
import io.argus.media.srt.SrtAuthenticator;
import io.argus.media.srt.SrtDecision;
import io.argus.media.srt.SrtRejectCodes;
import io.argus.media.srt.SrtStreamId;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SRT publishing under RTSP publishing's rules, by the same code (as {@link RtmpAccess}): the streamid's {@code u}
 * and {@code s} (or {@code s} alone, an API or session token) are Basic credentials to an {@link RtspAccess}, which
 * checks them off libsrt's thread (cached, bounded, failures audited with {@code via: srt}) and decides as for an
 * RTSP ANNOUNCE; a publish under way is re-checked every second and ends once its credential or right is gone.
 */
final class SrtAccess implements SrtAuthenticator {
    private final RtspAccess access;

    SrtAccess(RtspAccess access) {
        this.access = access;
    }

    @Override
    public CompletionStage<SrtDecision> publish(SrtStreamId id, InetSocketAddress client) {
        if (id.resource().isEmpty()) {
            return CompletableFuture.completedFuture(SrtDecision.refused(SrtRejectCodes.NOT_FOUND,
                    "no camera named: put r=<camera> in the streamid"));
        }
        if (!id.hasCredentials()) {
            return CompletableFuture.completedFuture(SrtDecision.refused(SrtRejectCodes.UNAUTHORIZED,
                    "credentials needed: u=<user>,s=<password> or s=<API token> in the streamid"));
        }
        RtspCredentials credentials = RtspCredentials.basic(id.user(), id.secret());
        String source = client == null || client.getAddress() == null ? String.valueOf(client)
                : client.getAddress().getHostAddress();
        return access.prepare(credentials, source).thenApply(v -> {
            RtspDecision d = access.authorize(Action.PUBLISH, id.resource(), credentials, client);
            return switch (d.outcome()) {
                case ALLOWED -> SrtDecision.allowed(d.pathKey(), d.grant());
                case NOT_FOUND -> SrtDecision.refused(SrtRejectCodes.NOT_FOUND, "no camera " + id.resource()
                        + " that this user may publish to");
                case REFUSED -> SrtDecision.refused(SrtRejectCodes.UNAUTHORIZED, "not authorized: wrong user, "
                        + "password or token, or no right to publish to " + id.resource());
            };
        });
    }
}
