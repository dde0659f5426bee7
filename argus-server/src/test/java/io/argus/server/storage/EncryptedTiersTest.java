package io.argus.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.chunk.VolumeStore;
import io.argus.storage.playback.ChunkFixtures;
import io.argus.testkit.S3Proxies;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encryption at rest over the tiers: chunks recorded encrypted are moved to object storage by the mover (which
 * verifies the plaintext's SHA-256 against the index), the bucket holds only ciphertext, and playback, chunk
 * downloads and export read them back decrypted.
 */
@E2e
class EncryptedTiersTest {
    @TempDir
    Path dir;

    @Test
    void movedChunksAreCiphertextInTheBucketAndPlayDecrypted() throws Exception {
        try (S3Proxies s3 = S3Proxies.start(dir.resolve("s3"), "vault");
             ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dir.resolve("node"), Map.of(
                     "admin.password", "pw", "recording.minFree", "0", "storage.mover.interval", "1h",
                     "crypto.encryptRecordings", "true",
                     "storage.s3.targets", "vault:endpoint=" + s3.endpoint() + ",region=us-east-1,bucket=vault,"
                             + "pathStyle=true,accessKey=" + S3Proxies.ACCESS_KEY + ",secretKey="
                             + S3Proxies.SECRET_KEY)))) {
            ArgusClient api = ArgusClient.local(server.httpPort()).login("admin", "pw");
            Answer cam = api.post("/api/v1/cameras", "{\"name\":\"vault-cam\",\"url\":\"rtsp://127.0.0.1:9/x\","
                    + "\"enabled\":false}");
            assertThat(cam.status()).as(cam.body()).isEqualTo(201);
            UUID camera = UUID.fromString(cam.json().get("id").asText());
            VolumeStore store = server.recording().store();
            List<ChunkRecord> rows = new ArrayList<>();
            ChunkRecord prev = null;
            for (int i = 0; i < 2; i++) {
                prev = ChunkFixtures.write(store, Tenants.DEFAULT_ID, camera,
                        StorageTiersApiTest.T0.plusSeconds(4L * i), SampleMedia.H264_1080P25, false, 0, prev);
                assertThat(server.recording().index().add(prev)).isTrue();
                rows.add(prev);
            }
            byte[] plainHead = head(store, rows.get(0).location());
            Answer p = api.post("/api/v1/storage/policies", "{\"name\":\"vault\",\"region\":\"us-east-1\","
                    + "\"hotDays\":1,\"warm\":{\"target\":\"vault\",\"days\":30},\"deleteAfterDays\":365}");
            assertThat(p.status()).as(p.body()).isEqualTo(201);
            assertThat(api.send("PUT", "/api/v1/cameras/" + camera + "/storage-policy", "{\"policyId\":\""
                    + p.json().get("id").asText() + "\"}").status()).isEqualTo(200);

            Answer run = api.post("/api/v1/storage/mover/run", "");
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            assertThat(run.json().get("movedTotal").asLong()).as(run.body()).isEqualTo(2);

            List<Path> objects;
            try (Stream<Path> s = Files.walk(s3.bucketDir("vault"))) {
                objects = s.filter(Files::isRegularFile).toList();
            }
            assertThat(objects).hasSize(2);
            for (Path o : objects) {
                byte[] raw = Files.readAllBytes(o);
                assertThat(indexOf(raw, plainHead)).as("the plaintext's first bytes in " + o).isEqualTo(-1);
                assertThat(indexOf(raw, "mdat".getBytes())).as("an mdat box in " + o).isEqualTo(-1);
            }
            for (ChunkRecord r : server.recording().index().find(Tenants.DEFAULT_ID, camera,
                    StorageTiersApiTest.T0, StorageTiersApiTest.T0.plusSeconds(60))) {
                assertThat(r.location()).startsWith("s3:vault/");
                assertThat(sha256(store, r.location())).as("decrypted from the bucket").isEqualTo(r.sha256());
            }
            String range = "?from=" + StorageTiersApiTest.T0 + "&to=" + StorageTiersApiTest.T0.plusSeconds(8);
            assertThat(api.get("/api/v1/cameras/" + camera + "/playback.m3u8" + range).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/cameras/" + camera + "/export.mp4" + range).status()).isEqualTo(200);
        }
    }

    private static byte[] head(SegmentStore store, String location) throws Exception {
        ByteBuf b;
        try (ReadableChunk c = store.open(location)) {
            b = c.read(0, 32, UnpooledByteBufAllocator.DEFAULT);
        }
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static String sha256(SegmentStore store, String location) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (ReadableChunk c = store.open(location)) {
            ByteBuf b = c.read(0, Math.toIntExact(c.size()), UnpooledByteBufAllocator.DEFAULT);
            try {
                d.update(b.nioBuffer());
            } finally {
                b.release();
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
