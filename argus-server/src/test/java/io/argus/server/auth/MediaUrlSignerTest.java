package io.argus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.metadata.Session;
import io.argus.testkit.ManualClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaUrlSignerTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T00:00:00Z"));
    private final MediaUrlSigner signer = new MediaUrlSigner(SECRET, clock);
    private final MediaGrant grant = new MediaGrant(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID(), Set.of(Action.VIEW_LIVE, Action.EXPORT), Instant.parse("2025-06-01T01:00:00Z"),
            Instant.parse("2025-05-31T10:00:00.123Z"), Instant.parse("2025-05-31T11:00:00Z"));

    @Test
    void roundTripsTheGrantInAUrlSafeToken() {
        String token = signer.sign(grant);
        assertThat(token).matches("[A-Za-z0-9_-]+").hasSize(163);
        assertThat(signer.check(token)).isEqualTo(new MediaUrlCheck.Valid(grant));
        for (Action a : MediaGrant.MEDIA) {
            MediaGrant open = new MediaGrant(grant.tenant(), grant.user(), grant.token(), grant.camera(), Set.of(a),
                    grant.expiresAt(), null, null);
            assertThat(signer.check(signer.sign(open))).isEqualTo(new MediaUrlCheck.Valid(open));
        }
    }

    @Test
    void aGrantCarriesOnlyMediaActions() {
        assertThatThrownBy(() -> new MediaGrant(grant.tenant(), grant.user(), grant.token(), grant.camera(),
                Set.of(Action.MANAGE_USERS), grant.expiresAt(), null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaGrant(grant.tenant(), grant.user(), grant.token(), grant.camera(),
                Set.of(), grant.expiresAt(), null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The layout before URLs named their minting token (version 2: tenant, user, camera, expiry, range), correctly
     * MACed under the same secret, is refused: such a URL would outlive the session that made it.
     */
    @Test
    void aVersion2TokenIsInvalidEvenWithAGoodMac() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(1 + 16 * 3 + 8 * 3 + 32);
        b.put((byte) 2);
        for (UUID u : new UUID[] {grant.tenant(), grant.user(), grant.camera()}) {
            b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        }
        b.putLong(grant.expiresAt().getEpochSecond()).putLong(Long.MIN_VALUE).putLong(Long.MIN_VALUE);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        mac.update(b.array(), 0, b.position());
        b.put(mac.doFinal());
        String v2 = Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
        assertThat(signer.check(v2)).isInstanceOf(MediaUrlCheck.Invalid.class);
    }

    @Test
    void aUrlNeverOutlivesTheTokenThatMintsItNorDoesMoreThanIt() {
        Instant now = clock.instant();
        Session session = new Session(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), now,
                now.plusSeconds(60), Session.SESSION, null, null);
        Principal viewer = new Principal(session.tenantId(), session.tenantId(), session.userId(), "v",
                List.of("viewer"), List.of(BuiltInRole.VIEWER.grant()), session, null);
        UUID camera = UUID.randomUUID();
        MediaGrant g = MediaGrant.mint(viewer, camera, now.plusSeconds(86_400), null, null);
        assertThat(g.expiresAt()).isEqualTo(session.expiresAt());
        assertThat(g.token()).isEqualTo(session.id());
        assertThat(g.actions()).containsExactlyInAnyOrder(Action.VIEW_LIVE, Action.PLAYBACK);
        Principal liveOnly = new Principal(session.tenantId(), session.tenantId(), session.userId(), "v",
                List.of("tenant-admin"), List.of(BuiltInRole.TENANT_ADMIN.grant()), session, Set.of(Action.VIEW_LIVE));
        assertThat(MediaGrant.mint(liveOnly, camera, now.plusSeconds(30), null, null).actions())
                .containsExactly(Action.VIEW_LIVE);
        Principal auditor = new Principal(session.tenantId(), session.tenantId(), session.userId(), "a",
                List.of("auditor"), List.of(BuiltInRole.AUDITOR.grant()), session, null);
        assertThatThrownBy(() -> MediaGrant.mint(auditor, camera, now.plusSeconds(30), null, null))
                .isInstanceOf(AccessException.class);
        Principal password = new Principal(session.tenantId(), session.tenantId(), session.userId(), "v",
                List.of("viewer"), List.of(BuiltInRole.VIEWER.grant()), null, null);
        assertThatThrownBy(() -> MediaGrant.mint(password, camera, now.plusSeconds(30), null, null))
                .isInstanceOf(AccessException.class);
    }

    /**
     * A publish URL carries the publish bit and nothing else; a viewing URL never carries it. A token whose MAC is
     * good but that mixes the two, or gives a publish token a recorded range, is refused: only a node with a
     * broken signer could make one.
     */
    @Test
    void aPublishUrlCarriesOnlyThePublishRight() throws Exception {
        MediaGrant publish = new MediaGrant(grant.tenant(), grant.user(), grant.token(), grant.camera(),
                Set.of(MediaGrant.PUBLISH), grant.expiresAt(), null, null);
        assertThat(publish.publish()).isTrue();
        assertThat(grant.publish()).isFalse();
        assertThat(signer.check(signer.sign(publish))).isEqualTo(new MediaUrlCheck.Valid(publish));
        assertThatThrownBy(() -> new MediaGrant(grant.tenant(), grant.user(), grant.token(), grant.camera(),
                Set.of(MediaGrant.PUBLISH, Action.VIEW_LIVE), grant.expiresAt(), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaGrant(grant.tenant(), grant.user(), grant.token(), grant.camera(),
                Set.of(MediaGrant.PUBLISH), grant.expiresAt(), grant.from(), null))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] raw = Base64.getUrlDecoder().decode(signer.sign(publish));
        int actions = 1 + 16 * 4;
        assertThat(raw[actions]).isEqualTo((byte) 0b1000);
        raw[actions] = 0b1001;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        mac.update(raw, 0, MediaUrlSigner.PAYLOAD_BYTES);
        System.arraycopy(mac.doFinal(), 0, raw, MediaUrlSigner.PAYLOAD_BYTES, MediaUrlSigner.MAC_BYTES);
        assertThat(signer.check(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)))
                .as("publish and view-live in one token, correctly MACed").isInstanceOf(MediaUrlCheck.Invalid.class);
    }

    /** Only a caller who may manage the camera mints its publish URL; it lives no longer than the minting token. */
    @Test
    void aPublishUrlIsMintedOnlyByWhoMayManageTheCamera() {
        Instant now = clock.instant();
        Session session = new Session(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), now,
                now.plusSeconds(60), Session.SESSION, null, null);
        UUID camera = UUID.randomUUID();
        Principal admin = new Principal(session.tenantId(), session.tenantId(), session.userId(), "a",
                List.of("tenant-admin"), List.of(BuiltInRole.TENANT_ADMIN.grant()), session, null);
        MediaGrant g = MediaGrant.mintPublish(admin, camera, now.plusSeconds(3600));
        assertThat(g.actions()).containsExactly(MediaGrant.PUBLISH);
        assertThat(g.expiresAt()).isEqualTo(session.expiresAt());
        assertThat(MediaGrant.mint(admin, camera, now.plusSeconds(30), null, null).publish())
                .as("media-urls never hands out the publish right").isFalse();
        for (Principal refused : List.of(
                new Principal(session.tenantId(), session.tenantId(), session.userId(), "o", List.of("operator"),
                        List.of(BuiltInRole.OPERATOR.grant()), session, null),
                new Principal(session.tenantId(), session.tenantId(), session.userId(), "a", List.of("tenant-admin"),
                        List.of(BuiltInRole.TENANT_ADMIN.grant()), session, Set.of(Action.VIEW_LIVE)))) {
            assertThatThrownBy(() -> MediaGrant.mintPublish(refused, camera, now.plusSeconds(30)))
                    .isInstanceOf(AccessException.class).hasMessageContaining("manage-cameras");
        }
    }

    @Test
    void expiresAtItsSecond() {
        String token = signer.sign(grant);
        clock.advanceMillis(3_599_999);
        assertThat(signer.check(token)).isInstanceOf(MediaUrlCheck.Valid.class);
        clock.advanceMillis(1);
        assertThat(signer.check(token)).isEqualTo(new MediaUrlCheck.Expired(grant));
    }

    @Test
    void everyChangedByteIsRejected() {
        byte[] raw = Base64.getUrlDecoder().decode(signer.sign(grant));
        for (int i = 0; i < raw.length; i++) {
            byte[] bad = raw.clone();
            bad[i] ^= 0x01;
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bad);
            assertThat(signer.check(token)).as("byte %d flipped", i).isInstanceOf(MediaUrlCheck.Invalid.class);
        }
    }

    @Test
    void anotherSecretOrGarbageIsInvalid() {
        MediaUrlSigner other = new MediaUrlSigner("another secret of at least 32 bytes".getBytes(StandardCharsets.UTF_8),
                clock);
        assertThat(other.check(signer.sign(grant))).isInstanceOf(MediaUrlCheck.Invalid.class);
        assertThat(signer.check("")).isInstanceOf(MediaUrlCheck.Invalid.class);
        assertThat(signer.check("not base64!")).isInstanceOf(MediaUrlCheck.Invalid.class);
        assertThat(signer.check(signer.sign(grant).substring(4))).isInstanceOf(MediaUrlCheck.Invalid.class);
    }

    @Test
    void theSecretIsMadeOnceOwnerOnlyAndKept(@TempDir Path dir) throws Exception {
        byte[] first = MediaUrlSecret.load(dir, "");
        assertThat(first).hasSize(MediaUrlSecret.RANDOM_BYTES);
        Path file = dir.resolve(MediaUrlSecret.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(MediaUrlSecret.load(dir, "")).isEqualTo(first);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(MediaUrlSecret.load(dir, "configured-secret-of-32-characters"))
                .isEqualTo("configured-secret-of-32-characters".getBytes(StandardCharsets.UTF_8));
    }
}
