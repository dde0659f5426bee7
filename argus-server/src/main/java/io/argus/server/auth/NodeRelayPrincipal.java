package io.argus.server.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who a relay {@link NodeToken} (no user) acts as on the owning node: {@code node:<name>}, in the camera's tenant,
 * with view-live on that one camera and nothing else. The calling node checked and audits each of its own viewers;
 * the owner audits the relay under the node's name.
 */
public final class NodeRelayPrincipal {
    private NodeRelayPrincipal() {
    }

    /**
     * The relay's credential, or empty for a token that is not a relay token.
     *
     * @param tenantOf a camera's tenant now: re-checked while the relay is open, so a camera deleted (or moved to
     *                 another tenant) ends it, while the token's expiry does not (it only bounds its first use)
     */
    public static Optional<CheckedCredential> of(NodeToken t, Function<UUID, Optional<UUID>> tenantOf) {
        if (t.user() != null) {
            return Optional.empty();
        }
        Principal p = new Principal(t.tenant(), t.tenant(), null, t.actorName(), List.of(),
                List.of(new Grant(Set.of(Action.VIEW_LIVE), false, Set.of(t.camera()), null)), null,
                Set.of(Action.VIEW_LIVE));
        return Optional.of(new CheckedCredential(p,
                () -> tenantOf.apply(t.camera()).filter(t.tenant()::equals).map(x -> p)));
    }
}
