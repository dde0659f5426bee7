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
 * <p>A publish URL ({@link #publish()}) is the other kind: its only action is {@link #PUBLISH}, it opens WHIP ingest
 * into its camera and nothing else, and it is made only on request ({@link #mintPublish}). The two kinds never mix,
 * so a URL handed to a viewer cannot replace the camera's picture and one handed to an encoder shows nothing.
 *
 * @param actions what the minting token could do on the camera when it minted the URL, or just {@link #PUBLISH}
 * @param expiresAt whole seconds, never later than the minting token's expiry
 * @param from earliest recorded time the URL may play, or null for no bound
 * @param to   latest recorded time the URL may play, or null for no bound
 */
public record MediaGrant(UUID tenant, UUID user, UUID token, UUID camera, Set<Action> actions, Instant expiresAt,
                         Instant from, Instant to) {
    /** The actions a media path needs, in the order of their bits in a signed URL. */
    public static final List<Action> MEDIA = List.of(Action.VIEW_LIVE, Action.PLAYBACK, Action.EXPORT);

    /**
     * A publish URL's one action: publishing is what manage-cameras allows on a camera (as for RTSP, RTMP and SRT),
     * and a URL's actions narrow its minting token's scopes, so the URL can do no more than publish there.
     */
    public static final Action PUBLISH = Action.MANAGE_CAMERAS;

    /** Every action a signed URL may carry, in the order of their bits: {@link #MEDIA}, then {@link #PUBLISH}. */
    public static final List<Action> SIGNED = List.of(Action.VIEW_LIVE, Action.PLAYBACK, Action.EXPORT, PUBLISH);

    public MediaGrant {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!actions.equals(Set.of(PUBLISH)) && (actions.isEmpty() || !MEDIA.containsAll(actions))) {
            throw new IllegalArgumentException("actions must be some of " + MEDIA + ", or only " + PUBLISH + ", not "
                    + actions);
        }
        actions = Set.copyOf(actions);
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from is after to");
        }
        if (actions.contains(PUBLISH) && (from != null || to != null)) {
            throw new IllegalArgumentException("a publish URL plays no recordings: it has no from or to");
        }
    }

    /** Whether this is a publish URL: it publishes into its camera (WHIP) and opens none of its media paths. */
    public boolean publish() {
        return actions.contains(PUBLISH);
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
        return new MediaGrant(minter.tenantId(), minter.userId(), s.id(), camera, actions, capped(s, expiresAt),
                from, to);
    }

    /**
     * A publish URL for {@code camera}, which {@code minter} may manage (its token's scopes count), until
     * {@code expiresAt} or its token's end, whichever comes first; 403 when it may not.
     */
    public static MediaGrant mintPublish(Principal minter, UUID camera, Instant expiresAt) {
        Session s = minter.session();
        if (s == null) {
            throw AccessException.forbidden("signed URLs are made with a session or API token");
        }
        if (!minter.can(PUBLISH, camera)) {
            throw AccessException.forbidden("a publish URL needs the permission " + PUBLISH.id() + " on the camera");
        }
        return new MediaGrant(minter.tenantId(), minter.userId(), s.id(), camera, Set.of(PUBLISH),
                capped(s, expiresAt), null, null);
    }

    private static Instant capped(Session s, Instant expiresAt) {
        return expiresAt.isAfter(s.expiresAt()) ? s.expiresAt() : expiresAt;
    }
}
