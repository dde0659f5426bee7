package io.argus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaUrlSignerTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T00:00:00Z"));
    private final MediaUrlSigner signer = new MediaUrlSigner(SECRET, clock);
    private final MediaGrant grant = new MediaGrant(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            Instant.parse("2025-06-01T01:00:00Z"), Instant.parse("2025-05-31T10:00:00.123Z"),
            Instant.parse("2025-05-31T11:00:00Z"));

    @Test
    void roundTripsTheGrantInAUrlSafeToken() {
        String token = signer.sign(grant);
        assertThat(token).matches("[A-Za-z0-9_-]+").hasSize(140);
        assertThat(signer.check(token)).isEqualTo(new MediaUrlCheck.Valid(grant));
        MediaGrant open = new MediaGrant(grant.tenant(), grant.user(), grant.camera(), grant.expiresAt(), null, null);
        assertThat(signer.check(signer.sign(open))).isEqualTo(new MediaUrlCheck.Valid(open));
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
