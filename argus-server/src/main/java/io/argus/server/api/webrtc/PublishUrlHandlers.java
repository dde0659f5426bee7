package io.argus.server.api.webrtc;

import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.PublishPaths;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.auth.MediaGrant;
import io.argus.server.auth.MediaUrlSigner;
import io.argus.server.auth.Principal;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Publish URLs ({@code POST /api/v1/cameras/{id}/publish-url}): a signed WHIP URL for one camera, for an encoder or
 * a page that should publish without holding a token. Made as the signed media URLs are ({@code media-urls}: the
 * same signer, secret and checks, bound to the minting session or API token), but only on request and only for a
 * caller who may manage the camera; the URL's one right is to publish there ({@link MediaGrant#publish()}).
 */
public final class PublishUrlHandlers implements ApiModule {
    /** An hour: a publish set up now and started soon; the publish ends when its URL expires. */
    static final long DEFAULT_TTL_SECONDS = 3600;

    /** A day: an event's broadcast; a leaked publish URL must not stay useful longer (an API token as Bearer does). */
    static final long MAX_TTL_SECONDS = 86_400;

    private final MediaUrlSigner signer;
    private final Clock clock;

    public PublishUrlHandlers(MediaUrlSigner signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public void install(Routes routes) {
        routes.post("/api/v1/cameras/{id}/publish-url", Require.camera(Action.MANAGE_CAMERAS),
                        Audit.change(AuditActions.PUBLISH_URL, "camera", "id"), this::mint)
                .summary("a signed WHIP URL that publishes into the camera (and does nothing else) until it expires; "
                        + "needs manage-cameras on the camera")
                .body(PublishUrlRequest.class).returns(PublishUrlResponse.class);
    }

    void mint(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        UUID camera = UUID.fromString(ctx.pathParam("id"));
        PublishUrlRequest req = ctx.bodyAsBytes().length == 0 ? PublishUrlRequest.DEFAULT
                : RequestBodies.read(ctx, PublishUrlRequest.class);
        long ttl = req.expiresInSeconds() == null ? DEFAULT_TTL_SECONDS : req.expiresInSeconds();
        if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "expiresInSeconds must be 1.." + MAX_TTL_SECONDS,
                    Map.of("expiresInSeconds", "1.." + MAX_TTL_SECONDS));
        }
        MediaGrant g = MediaGrant.mintPublish(p, camera, Instant.ofEpochSecond(clock.instant().getEpochSecond() + ttl));
        String sig = signer.sign(g);
        ctx.json(new PublishUrlResponse(PublishPaths.WHIP + camera + "?" + AuthFilter.SIG + "=" + sig, sig,
                g.expiresAt()));
    }
}
