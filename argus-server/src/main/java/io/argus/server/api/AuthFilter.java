package io.argus.server.api;

import io.argus.metadata.TenantScope;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.MediaGrant;
import io.argus.server.auth.MediaUrlCheck;
import io.argus.server.auth.MediaUrlSigner;
import io.argus.server.auth.Principal;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;

/**
 * Authentication in front of every route: finds the {@link Principal} of the bearer token (or, on a camera's
 * media paths ({@link MediaPaths}) and WHIP's ({@link PublishPaths}), of the live session or API token that minted
 * the {@code ?sig=} URL, limited to the URL's actions) and answers 401 on the API without one, except on public
 * routes. A publish URL opens only WHIP's paths and a viewing URL none of them (403, audited as refused). What the
 * principal may do is {@link Guard}'s business, per route.
 *
 * <p>A system admin may act in another tenant by sending {@code X-Argus-Tenant: <tenant id>}. The request's
 * tenant becomes its thread's {@link TenantScope} (PostgreSQL's row-level security reads it) until
 * {@link #done}.
 */
public final class AuthFilter {
    static final String PRINCIPAL = "argus.principal";
    static final String GRANT = "argus.mediaGrant";
    static final String CREDENTIAL = "argus.credential";
    public static final String SIG = "sig";
    static final String TENANT_HEADER = "X-Argus-Tenant";
    private static final String BEARER = "Bearer ";

    private final AuthService auth;
    private final Routes routes;
    private final MediaUrlSigner signer;

    AuthFilter(AuthService auth, Routes routes, MediaUrlSigner signer) {
        this.auth = auth;
        this.routes = routes;
        this.signer = signer;
    }

    void check(Context ctx) {
        String path = ctx.path();
        // /metrics is public or not as its route was registered (metrics.requireAuth).
        boolean guarded = (path.startsWith("/api/") || path.equals("/metrics")) && !routes.isPublic(path);
        if (!guarded) {
            return;
        }
        Optional<String> mediaCamera = MediaPaths.camera(path);
        boolean publishPath = PublishPaths.matches(path);
        String header = ctx.header("Authorization");
        String sig = ctx.queryParam(SIG);
        if ((mediaCamera.isPresent() || publishPath) && header == null && sig != null) {
            signed(ctx, sig, mediaCamera.orElse(null));
            return;
        }
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(ErrorCode.UNAUTHORIZED, "log in first: send Authorization: Bearer <token> "
                    + "with a token from POST /api/v1/auth/login" + (mediaCamera.isPresent()
                    ? ", or use a signed URL from POST /api/v1/cameras/{id}/media-urls" : publishPath
                    ? ", or use a publish URL from POST /api/v1/cameras/{id}/publish-url" : ""));
        }
        String token = header.substring(BEARER.length()).trim();
        Principal p = auth.authenticate(token).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return new ApiException(ErrorCode.UNAUTHORIZED, "the token is unknown or has expired; log in again");
        });
        Principal scoped = inTenant(ctx, p);
        UUID tenant = scoped.tenantId();
        ctx.attribute(PRINCIPAL, scoped);
        ctx.attribute(CREDENTIAL, new Recheck.Credential(tenant + " " + token, () -> auth.authenticate(token)
                .filter(q -> q.homeTenant().equals(tenant) || q.systemAdmin()).map(q -> q.in(tenant))));
        TenantScope.enter(scoped.tenantId());
    }

    /** A system admin's {@code X-Argus-Tenant}; anyone else naming a tenant but their own gets 403. */
    private Principal inTenant(Context ctx, Principal p) {
        String raw = ctx.header(TENANT_HEADER);
        if (raw == null) {
            return p;
        }
        UUID tenant;
        try {
            tenant = UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, TENANT_HEADER + " must be a tenant id");
        }
        if (tenant.equals(p.homeTenant())) {
            return p;
        }
        if (!p.systemAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only a system admin may act in another tenant");
        }
        if (!auth.tenantExists(tenant)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no tenant with id " + tenant);
        }
        return p.in(tenant);
    }

    /** @param pathCamera the media path's camera id, or null on a WHIP path */
    private void signed(Context ctx, String sig, String pathCamera) {
        MediaGrant g = switch (signer.check(sig)) {
            case MediaUrlCheck.Invalid i -> throw new ApiException(ErrorCode.UNAUTHORIZED,
                    "the signed URL is not valid (" + i.reason() + "); ask for a new one");
            case MediaUrlCheck.Expired e -> throw new ApiException(ErrorCode.URL_EXPIRED,
                    "the signed URL expired at " + e.grant().expiresAt() + "; ask for a new one");
            case MediaUrlCheck.Valid v -> v.grant();
        };
        if (pathCamera != null && !g.camera().toString().equals(pathCamera)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "the signed URL is for another camera");
        }
        Principal p = auth.principal(g).orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED,
                "the session or API token that made this signed URL has ended (logout, revocation, a new password)"
                        + " or its user can no longer use it; ask for a new one"));
        ctx.attribute(PRINCIPAL, p);
        ctx.attribute(GRANT, g);
        ctx.attribute(CREDENTIAL, new Recheck.Credential(sig, () -> signer.check(sig) instanceof MediaUrlCheck.Valid v
                ? auth.principal(v.grant()) : Optional.empty()));
        TenantScope.enter(p.tenantId());
        // Refused once the caller is known, so that the audit trail records who tried.
        if (g.publish() && pathCamera != null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "a publish URL only publishes (WHIP); it opens none of the "
                    + "camera's media");
        }
        if (!g.publish() && pathCamera == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "a signed viewing URL does not publish; publishing needs a "
                    + "publish URL from POST /api/v1/cameras/{id}/publish-url");
        }
    }

    /** The signed URL's grant when the request came with one. */
    public static Optional<MediaGrant> grant(Context ctx) {
        return Optional.ofNullable(ctx.attribute(GRANT));
    }

    /** After every request: its thread no longer works for its tenant. */
    void done(Context ctx) {
        TenantScope.clear();
    }

    public static Principal principal(Context ctx) {
        return Guard.principal(ctx);
    }
}
