package io.argus.server.auth;

import io.argus.metadata.Session;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a signed media URL lets its holder do: the {@code actions} (of {@link #MEDIA}) on one camera of one tenant
 * until {@code expiresAt}, and of its recordings only what lies between {@code from} and {@code to}; never more
 * than the session or API token that minted it ({@code token}) may do at the time the URL is used, and not at
 * all once that token has ended (logout, revocation, a new password, expiry).
 *
 * @param actions what the minting token could do on the camera when it minted the URL
 * @param expiresAt whole seconds, never later than the minting token's expiry
 * @param from earliest recorded time the URL may play, or null for no bound
 * @param to   latest recorded time the URL may play, or null for no bound
 */
public record MediaGrant(UUID tenant, UUID user, UUID token, UUID camera, Set<Action> actions, Instant expiresAt,
                         Instant from, Instant to) {
    /** The actions a media path needs, in the order of their bits in a signed URL. */
    public static final List<Action> MEDIA = List.of(Action.VIEW_LIVE, Action.PLAYBACK, Action.EXPORT);

    public MediaGrant {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (actions.isEmpty() || !MEDIA.containsAll(actions)) {
            throw new IllegalArgumentException("actions must be some of " + MEDIA + ", not " + actions);
        }
        actions = Set.copyOf(actions);
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from is after to");
        }
    }

    /**
     * What {@code minter} may hand out for {@code camera}: the media actions it may do there itself (its token's
     * scopes count), until {@code expiresAt} or its token's end, whichever comes first; 403 when it may do none.
     */
    public static MediaGrant mint(Principal minter, UUID camera, Instant expiresAt, Instant from, Instant to) {
        Session s = minter.session();
        if (s == null) {
            throw AccessException.forbidden("signed URLs are made with a session or API token");
        }
        Set<Action> actions = EnumSet.noneOf(Action.class);
        MEDIA.stream().filter(a -> minter.can(a, camera)).forEach(actions::add);
        if (actions.isEmpty()) {
            throw AccessException.forbidden("this needs the permission view-live, playback or export on the camera");
        }
        Instant end = expiresAt.isAfter(s.expiresAt()) ? s.expiresAt() : expiresAt;
        return new MediaGrant(minter.tenantId(), minter.userId(), s.id(), camera, actions, end, from, to);
    }
}
