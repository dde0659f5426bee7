package io.argus.server.auth;

import io.argus.metadata.Session;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking and what they may do, resolved for one request from the user's roles (custom roles' camera
 * groups expanded to cameras) and narrowed by the token's scopes.
 *
 * @param tenantId  the tenant the request acts in: the user's own, or for a system admin the one it named
 * @param homeTenant the user's own tenant
 * @param session   the credential: the login session or API token of a bearer token, or the one that minted a
 *                  signed media URL; null for a password (RTSP Basic)
 * @param scopes    the actions the credential is limited to (a token's scopes, a signed URL's actions), or null
 *                  for all of the user's
 */
public record Principal(UUID tenantId, UUID homeTenant, UUID userId, String username, List<String> roles,
                        List<Grant> grants, Session session, Set<Action> scopes) {
    public Principal {
        roles = List.copyOf(roles);
        grants = List.copyOf(grants);
        scopes = scopes == null ? null : Set.copyOf(scopes);
    }

    /** Whether the user administers the whole system (cross-tenant). */
    public boolean systemAdmin() {
        return roles.contains(BuiltInRole.SYSTEM_ADMIN.id());
    }

    private boolean scoped(Action a) {
        return scopes == null || scopes.contains(a);
    }

    /** Whether the user may do {@code a} on the whole tenant (a camera action on every camera). */
    public boolean can(Action a) {
        return scoped(a) && grants.stream().anyMatch(g -> g.actions().contains(a) && (g.allCameras() || !a.camera()));
    }

    /** Whether the user may do {@code a} on {@code camera}. */
    public boolean can(Action a, UUID camera) {
        return scoped(a) && grants.stream().anyMatch(g -> g.actions().contains(a) && g.covers(camera));
    }

    /** Whether the user may do anything at all with {@code camera}; a camera it cannot see does not exist for it. */
    public boolean sees(UUID camera) {
        return grants.stream().anyMatch(g -> g.covers(camera) && g.actions().stream()
                .anyMatch(a -> a.camera() && scoped(a)));
    }

    /** Whether the user may see every camera of the tenant, present and future (a permission on all cameras). */
    public boolean seesAllCameras() {
        return grants.stream().anyMatch(g -> g.allCameras() && g.actions().stream()
                .anyMatch(a -> a.camera() && scoped(a)));
    }

    /**
     * How far back {@code a} may reach on {@code camera}: the widest window of the permissions that grant it,
     * null when one grants it without a window (or the action has none).
     */
    public Duration window(Action a, UUID camera) {
        if (!Action.WINDOWED.contains(a)) {
            return null;
        }
        Duration widest = Duration.ZERO;
        for (Grant g : grants) {
            if (g.actions().contains(a) && g.covers(camera)) {
                if (g.window() == null) {
                    return null;
                }
                widest = g.window().compareTo(widest) > 0 ? g.window() : widest;
            }
        }
        return widest;
    }

    /** Every action the user has somewhere, narrowed by the token's scopes. */
    public Set<Action> actions() {
        Set<Action> out = EnumSet.noneOf(Action.class);
        grants.forEach(g -> out.addAll(g.actions()));
        if (scopes != null) {
            out.retainAll(scopes);
        }
        return out;
    }

    /** The id of the session or API token, or null for a password. */
    public UUID sessionId() {
        return session == null ? null : session.id();
    }

    /** The same user acting in {@code tenant} (a system admin only; checked by the caller). */
    public Principal in(UUID tenant) {
        return new Principal(tenant, homeTenant, userId, username, roles, grants, session, scopes);
    }

    /** The same credential limited further to {@code actions} (a signed URL: what its minting token could do). */
    public Principal limitedTo(Set<Action> actions) {
        Set<Action> narrowed = EnumSet.noneOf(Action.class);
        narrowed.addAll(actions);
        if (scopes != null) {
            narrowed.retainAll(scopes);
        }
        return new Principal(tenantId, homeTenant, userId, username, roles, grants, session, narrowed);
    }
}
