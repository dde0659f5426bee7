package io.argus.server.api;

import io.argus.server.auth.Action;
import io.argus.server.auth.MediaGrant;
import io.argus.server.auth.Principal;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * Enforces a route's {@link Require} on the principal {@link AuthFilter} found. On camera routes it also sets
 * the request's {@link MediaAccess}: the recorded range the caller may read, the narrower of a signed URL's range
 * and the user's time window for the action.
 */
public final class Guard {
    private final Clock clock;
    private final BiPredicate<UUID, UUID> cameraExists;

    /** @param cameraExists whether (tenant, camera) is a camera of that tenant */
    Guard(Clock clock, BiPredicate<UUID, UUID> cameraExists) {
        this.clock = clock;
        this.cameraExists = cameraExists;
    }

    void check(Require require, Context ctx) {
        switch (require) {
            case Require.Public p -> {
            }
            case Require.Authenticated a -> {
                principal(ctx);
                // A long answer (the event stream) asks again whether its credential still holds.
                ctx.attribute(Recheck.ATTRIBUTE, new Recheck(ctx.attribute(AuthFilter.CREDENTIAL), q -> true));
            }
            case Require.Tenant t -> {
                if (!principal(ctx).can(t.action())) {
                    throw forbidden(t.action());
                }
            }
            case Require.Camera c -> camera(ctx, c.action());
        }
    }

    private void camera(Context ctx, Action action) {
        Principal p = principal(ctx);
        UUID camera;
        try {
            camera = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw noCamera(ctx);
        }
        MediaGrant signed = ctx.attribute(AuthFilter.GRANT);
        // Checked here, not left to each handler: a camera of another tenant is not found even by a handler that
        // forgot its tenant.
        if (!p.sees(camera) || signed != null && !signed.camera().equals(camera)
                || !cameraExists.test(p.tenantId(), camera)) {
            throw noCamera(ctx);
        }
        if (action != null && !p.can(action, camera)) {
            throw forbidden(action);
        }
        Instant from = signed == null ? null : signed.from();
        Instant to = signed == null ? null : signed.to();
        Duration window = action == null ? null : p.window(action, camera);
        if (window != null) {
            Instant earliest = clock.instant().minus(window);
            from = from == null || from.isBefore(earliest) ? earliest : from;
        }
        ctx.attribute(MediaAccess.ATTRIBUTE, new MediaAccess(p.tenantId(), camera, from, to, signed != null));
        Recheck.Credential credential = ctx.attribute(AuthFilter.CREDENTIAL);
        ctx.attribute(Recheck.ATTRIBUTE, new Recheck(credential, q -> q.sees(camera)
                && (action == null || q.can(action, camera))));
    }

    /** The caller; 401 when the request carried no credentials (only public routes may be reached so). */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(AuthFilter.PRINCIPAL);
        if (p == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "log in first: send Authorization: Bearer <token>");
        }
        return p;
    }

    private static ApiException forbidden(Action a) {
        return new ApiException(ErrorCode.FORBIDDEN, "this needs the permission " + a.id());
    }

    private static ApiException noCamera(Context ctx) {
        return new ApiException(ErrorCode.NOT_FOUND, "no camera with id " + ctx.pathParam("id"));
    }
}
