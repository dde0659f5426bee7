package io.argus.server.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What one node lets another do on its behalf (docs/cluster.md, "Any node serves any camera"): {@code actions} (of
 * {@link MediaGrant#MEDIA}) on one camera of one tenant until {@code expiresAt}, asked by node {@code node}. Either
 * for a user ({@code user} set: the owner checks that user's rights as they are now, and audits the user) or, for a
 * live relay shared by every viewer of the calling node, for the node itself ({@code user} null: view-live only;
 * the calling node checks and audits each of its viewers).
 *
 * @param node      the calling node's name ({@code cluster.node})
 * @param user      the user the call is for, or null for a relay
 * @param expiresAt whole seconds
 */
public record NodeToken(String node, UUID tenant, UUID camera, UUID user, Set<Action> actions, Instant expiresAt) {
    public NodeToken {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (actions.isEmpty() || !MediaGrant.MEDIA.containsAll(actions)) {
            throw new IllegalArgumentException("actions must be some of " + MediaGrant.MEDIA + ", not " + actions);
        }
        if (user == null && !actions.equals(Set.of(Action.VIEW_LIVE))) {
            throw new IllegalArgumentException("a relay token (no user) is for view-live only, not " + actions);
        }
        actions = Set.copyOf(actions);
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The name a node's relay is audited under on the owner: {@code node:<name>}. */
    public String actorName() {
        return "node:" + node;
    }
}
