package io.argus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NodeTokenSignerTest {
    private static final String SECRET = "cluster-secret-0123456789abcdef-0123";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final NodeTokenSigner signer = new NodeTokenSigner(SECRET, clock);
    private final UUID tenant = UUID.randomUUID();
    private final UUID camera = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    @Test
    void aTokenNamesTheNodeTheTenantTheCameraTheUserAndTheActions() {
        String token = signer.mint("node-b", tenant, camera, user, Set.of(Action.PLAYBACK, Action.EXPORT));
        assertThat(token).startsWith(NodeTokenSigner.PREFIX).matches("argus-node\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(signer.verify(token)).contains(new NodeToken("node-b", tenant, camera, user,
                Set.of(Action.PLAYBACK, Action.EXPORT), clock.instant().plus(NodeTokenSigner.TTL)));
        String relay = signer.mint("node-b", tenant, camera, null, Set.of(Action.VIEW_LIVE));
        assertThat(signer.verify(relay).map(NodeToken::user)).isEmpty();
        assertThat(signer.verify(relay)).isPresent();
    }

    @Test
    void aTokenExpiresAfterItsTtl() {
        String token = signer.mint("node-b", tenant, camera, null, Set.of(Action.VIEW_LIVE));
        clock.advance(NodeTokenSigner.TTL.minusSeconds(1));
        assertThat(signer.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(signer.verify(token)).isEmpty();
    }

    @Test
    void anotherSecretOrAChangedByteIsRefused() {
        String token = signer.mint("node-b", tenant, camera, null, Set.of(Action.VIEW_LIVE));
        assertThat(new NodeTokenSigner(SECRET + "x", clock).verify(token)).isEmpty();
        String payload = token.substring(NodeTokenSigner.PREFIX.length(), token.lastIndexOf('.'));
        byte[] bytes = Base64.getUrlDecoder().decode(payload);
        bytes[bytes.length - 9] ^= 2; // the actions: view-live becomes view-live and playback
        String forged = NodeTokenSigner.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
                + token.substring(token.lastIndexOf('.'));
        assertThat(signer.verify(forged)).isEmpty();
        assertThat(signer.verify(token + "A")).isEmpty();
        assertThat(signer.verify(NodeTokenSigner.PREFIX + "..")).isEmpty();
    }

    @Test
    void aUsersTokenIsNeverANodeToken() {
        // The shapes of an API token, a session token and a signed media URL: none is taken for a node token.
        for (String t : new String[] {"argus_" + "a".repeat(40), UUID.randomUUID().toString(), "x".repeat(163), ""}) {
            assertThat(NodeTokenSigner.looksLike(t)).isFalse();
            assertThat(signer.verify(t)).isEmpty();
        }
    }

    @Test
    void aRelayTokenIsForViewLiveOnlyAndItsPrincipalSeesOneCamera() {
        assertThatThrownBy(() -> signer.mint("node-b", tenant, camera, null, Set.of(Action.PLAYBACK)))
                .isInstanceOf(IllegalArgumentException.class);
        NodeToken relay = signer.verify(signer.mint("node-b", tenant, camera, null, Set.of(Action.VIEW_LIVE)))
                .orElseThrow();
        Principal p = NodeRelayPrincipal.of(relay, c -> Optional.of(tenant)).orElseThrow().principal();
        assertThat(p.username()).isEqualTo("node:node-b");
        assertThat(p.tenantId()).isEqualTo(tenant);
        assertThat(p.can(Action.VIEW_LIVE, camera)).isTrue();
        assertThat(p.can(Action.VIEW_LIVE, UUID.randomUUID())).isFalse();
        assertThat(p.can(Action.PLAYBACK, camera)).isFalse();
        assertThat(p.systemAdmin()).isFalse();
        assertThat(NodeRelayPrincipal.of(relay, c -> Optional.of(UUID.randomUUID())).orElseThrow().again().get())
                .isEmpty();
        NodeToken forUser = signer.verify(signer.mint("node-b", tenant, camera, user, Set.of(Action.VIEW_LIVE)))
                .orElseThrow();
        assertThat(NodeRelayPrincipal.of(forUser, c -> Optional.of(tenant))).isEmpty();
    }
}
