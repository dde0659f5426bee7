package io.argus.server.api;

import io.argus.metadata.Session;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.MediaGrant;
import io.argus.server.auth.MediaUrlCheck;
import io.argus.server.auth.MediaUrlSigner;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Requires {@code Authorization: Bearer <token>} on the API, except for the paths that must work without. Media
 * paths ({@link MediaPaths}) also take a signed URL ({@code ?sig=}) for their camera instead, and get a
 * {@link MediaAccess} either way.
 */
final class AuthFilter {
    static final String SESSION = "argus.session";
    static final String SIG = "sig";
    private static final String BEARER = "Bearer ";

    private final AuthService auth;
    private final Set<String> open;
    private final boolean metricsNeedAuth;
    private final MediaUrlSigner signer;

    AuthFilter(AuthService auth, Set<String> open, boolean metricsNeedAuth, MediaUrlSigner signer) {
        this.auth = auth;
        this.open = open;
        this.metricsNeedAuth = metricsNeedAuth;
        this.signer = signer;
    }

    void check(Context ctx) {
        String path = ctx.path();
        boolean guarded = (path.startsWith("/api/") || (metricsNeedAuth && path.equals("/metrics")))
                && !open.contains(path);
        if (!guarded) {
            return;
        }
        Optional<String> mediaCamera = MediaPaths.camera(path);
        String header = ctx.header("Authorization");
        String sig = ctx.queryParam(SIG);
        if (mediaCamera.isPresent() && header == null && sig != null) {
            ctx.attribute(MediaAccess.ATTRIBUTE, signed(sig, mediaCamera.get()));
            return;
        }
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(ErrorCode.UNAUTHORIZED, "log in first: send Authorization: Bearer <token> "
                    + "with a token from POST /api/v1/auth/login" + (mediaCamera.isPresent()
                    ? ", or use a signed URL from POST /api/v1/cameras/{id}/media-urls" : ""));
        }
        Session s = auth.authenticate(header.substring(BEARER.length()).trim()).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return new ApiException(ErrorCode.UNAUTHORIZED, "the token is unknown or has expired; log in again");
        });
        ctx.attribute(SESSION, s);
        mediaCamera.ifPresent(c -> ctx.attribute(MediaAccess.ATTRIBUTE,
                new MediaAccess(s.tenantId(), uuid(c), null, null, false)));
    }

    private MediaAccess signed(String sig, String pathCamera) {
        MediaGrant g = switch (signer.check(sig)) {
            case MediaUrlCheck.Invalid i -> throw new ApiException(ErrorCode.UNAUTHORIZED,
                    "the signed URL is not valid (" + i.reason() + "); ask for a new one");
            case MediaUrlCheck.Expired e -> throw new ApiException(ErrorCode.URL_EXPIRED,
                    "the signed URL expired at " + e.grant().expiresAt() + "; ask for a new one");
            case MediaUrlCheck.Valid v -> v.grant();
        };
        if (!g.camera().equals(uuid(pathCamera))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "the signed URL is for another camera");
        }
        return new MediaAccess(g.tenant(), g.camera(), g.from(), g.to(), true);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }
}
