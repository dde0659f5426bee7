package io.argus.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.metadata.Database;
import io.argus.metadata.Tenants;
import io.argus.server.cli.ArgusCli;
import io.argus.server.testing.TestNode;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.evidence.EvidenceException;
import io.argus.storage.evidence.EvidenceExporter;
import io.argus.storage.evidence.EvidenceManifest;
import io.argus.storage.evidence.EvidenceVerifier;
import io.argus.storage.evidence.NodeSigningKey;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node recording encrypted: chunks unreadable raw, played back and exported decrypted (byte ranges included),
 * verified over the API and offline, evidence packages that verify and fail after each kind of tampering, key
 * rotations that leave every recording readable, camera passwords sealed in the database.
 */
@E2e
class EncryptedRecordingEvidenceTest {
    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(1).set("recording.chunkDuration", "2s")
            .set("recording.syncInterval", "1s").set("recording.minFree", "0").set("crypto.encryptRecordings", "true");

    @TempDir
    static Path work;

    static UUID cam;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void addCamera() {
        cam = UUID.fromString(node.addCamera("vault", node.url(0)));
    }

    private static List<ChunkRecord> chunks() {
        return node.server().recording().index().find(Tenants.DEFAULT_ID, cam, Instant.EPOCH,
                Instant.now().plusSeconds(60));
    }

    private static HttpResponse<byte[]> getBytes(String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.base() + path))
                .header("Authorization", "Bearer " + node.api().token());
        if (range != null) {
            b.header("Range", range);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String window(ChunkRecord first, ChunkRecord last) {
        return "from=" + first.start() + "&to=" + last.end();
    }

    private static int cli(StringWriter out, StringWriter err, String... args) {
        return ArgusCli.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void encryptedRecordingsPlayVerifyExportAndSurviveRotationsAndTampering() throws Exception {
        Await.until(Duration.ofSeconds(30), () -> chunks().size() >= 4, () -> "four chunks recorded");
        List<ChunkRecord> rows = chunks().subList(0, 4);

        // Stored objects are ciphertext: no MP4 box in them, and they do not hash to the index's (plaintext) hash.
        for (ChunkRecord r : rows) {
            byte[] raw = Files.readAllBytes(node.server().recording().store().localPath(r.location()).orElseThrow());
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("ftyp").doesNotContain("moof").doesNotContain("mdat");
            assertThat(raw.length).isGreaterThan((int) r.bytes());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)))
                    .isNotEqualTo(r.sha256());
        }

        // Playback decrypts on the fly: a byte range of a chunk, and the export of the range.
        ChunkRecord second = rows.get(1);
        HttpResponse<byte[]> part = getBytes("/api/v1/cameras/" + cam + "/media/chunks/"
                + second.start().toEpochMilli() + ".mp4", "bytes=20000-20099");
        assertThat(part.statusCode()).isEqualTo(206);
        ByteBuf plain;
        try (ReadableChunk chunk = node.server().recording().store().open(second.location())) {
            plain = chunk.read(20000, 100, PooledByteBufAllocator.DEFAULT);
        }
        byte[] expected = new byte[100];
        plain.readBytes(expected);
        plain.release();
        assertThat(part.body()).isEqualTo(expected);
        HttpResponse<byte[]> mp4 = getBytes("/api/v1/cameras/" + cam + "/export.mp4?" + window(rows.get(0),
                rows.get(3)), null);
        assertThat(mp4.statusCode()).isEqualTo(200);
        Mp4Structure exported = Mp4Structure.validate(Unpooled.wrappedBuffer(mp4.body()));
        assertThat(exported.fragments()).isNotEmpty();

        // Integrity over the API.
        JsonNode ok = node.api().get("/api/v1/cameras/" + cam + "/verify?" + window(rows.get(0), rows.get(3)))
                .json();
        assertThat(ok.path("ok").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.path("chunks").asInt()).isEqualTo(4);

        // Evidence: verifies offline against the node's key, with and without pinning; fails after tampering.
        Path pkg = work.resolve("evidence.zip");
        HttpResponse<byte[]> ev = getBytes("/api/v1/cameras/" + cam + "/evidence?" + window(rows.get(0),
                rows.get(3)), null);
        assertThat(ev.statusCode()).isEqualTo(200);
        assertThat(ev.headers().firstValue("Content-Type")).hasValue("application/zip");
        Files.write(pkg, ev.body());
        Path pem = work.resolve("node.pem");
        Files.writeString(pem, NodeSigningKey.loadOrCreate(node.dataDir()).publicKeyPem());
        EvidenceVerifier.Result result = EvidenceVerifier.verify(pkg, NodeSigningKey.loadOrCreate(node.dataDir())
                .publicKey());
        assertThat(result.manifest().exportedBy()).isEqualTo("admin");
        assertThat(result.manifest().camera().name()).isEqualTo("vault");
        assertThat(result.manifest().chain().chunks()).extracting(EvidenceManifest.Link::sha256)
                .containsExactlyElementsOf(rows.stream().map(ChunkRecord::sha256).toList());
        assertThat(result.manifest().chain().anchorSha256()).isNull();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(cli(out, err, "evidence", "verify", pkg.toString(), "--public-key", pem.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("VERIFIED");

        Path videoFlipped = rewrite(pkg, "flip-video.zip", EvidenceExporter.VIDEO, b -> flip(b, b.length / 2));
        assertThatThrownBy(() -> EvidenceVerifier.verify(videoFlipped, null)).isInstanceOf(EvidenceException.class)
                .hasMessageContaining("video.mp4 was altered");
        Path manifestEdited = rewrite(pkg, "edit-manifest.zip", EvidenceExporter.MANIFEST, b -> new String(b,
                StandardCharsets.UTF_8).replace("\"admin\"", "\"someone\"").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> EvidenceVerifier.verify(manifestEdited, null)).isInstanceOf(EvidenceException.class)
                .hasMessageContaining("signature check failed");
        Path other = work.resolve("other.zip");
        Files.write(other, getBytes("/api/v1/cameras/" + cam + "/evidence?" + window(rows.get(1), rows.get(2)), null)
                .body());
        byte[] otherSig = entries(other).get(EvidenceExporter.SIGNATURE);
        Path sigSwapped = rewrite(pkg, "swap-sig.zip", EvidenceExporter.SIGNATURE, b -> otherSig);
        assertThatThrownBy(() -> EvidenceVerifier.verify(sigSwapped, null)).isInstanceOf(EvidenceException.class)
                .hasMessageContaining("signature check failed");
        assertThat(EvidenceVerifier.verify(other, null).manifest().chain().anchorSha256())
                .as("the chain proof starts at the chunk before the range").isEqualTo(rows.get(0).sha256());
        Path stranger = work.resolve("stranger");
        Files.createDirectories(stranger);
        assertThatThrownBy(() -> EvidenceVerifier.verify(pkg, NodeSigningKey.loadOrCreate(stranger).publicKey()))
                .isInstanceOf(EvidenceException.class).hasMessageContaining("not the trusted key");
        out = new StringWriter();
        err = new StringWriter();
        assertThat(cli(out, err, "evidence", "verify", videoFlipped.toString())).isEqualTo(ArgusCli.EXIT_FAILURE);
        assertThat(err.toString()).contains("evidence check FAILED").contains("video.mp4 was altered");

        // A flipped byte in a stored (encrypted) chunk is caught by verify.
        Path victim = node.server().recording().store().localPath(rows.get(2).location()).orElseThrow();
        flipOnDisk(victim, 5000);
        JsonNode bad = node.api().get("/api/v1/cameras/" + cam + "/verify?" + window(rows.get(0), rows.get(3)))
                .json();
        assertThat(bad.path("ok").asBoolean()).isFalse();
        assertThat(bad.path("problems").get(0).path("kind").asText()).isEqualTo("ALTERED");
        assertThat(bad.path("problems").get(0).path("chunk").asLong()).isEqualTo(rows.get(2).start().toEpochMilli());
        flipOnDisk(victim, 5000);

        // Master key rotation over the API: data keys re-wrapped, no recording touched, everything still plays.
        byte[] rawBefore = Files.readAllBytes(victim);
        String keyBefore = Files.readString(node.dataDir().resolve("master.key"));
        Answer rotated = node.api().post("/api/v1/keys/rotate-master", "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().path("rewrapped").asInt()).isEqualTo(1);
        assertThat(Files.readString(node.dataDir().resolve("master.key"))).isNotEqualTo(keyBefore);
        assertThat(Files.readAllBytes(victim)).isEqualTo(rawBefore);
        assertThat(node.api().post("/api/v1/keys/rotate-data", "").status()).isEqualTo(200);

        // The password of a camera is sealed in its column.
        assertThat(node.api().post("/api/v1/cameras", "{\"name\":\"locked\",\"url\":\"rtsp://192.0.2.1/s\","
                + "\"username\":\"admin\",\"password\":\"hunter2-secret\",\"enabled\":false}").status())
                .isEqualTo(201);

        // Offline, on the stopped node: verify (and its exit codes), rotate the master key again, export.
        node.stopServer();
        String[] verifyArgs = {"verify", "--data-dir", node.dataDir().toString(), "--camera", "vault", "--from",
                rows.get(0).start().toString(), "--to", rows.get(3).end().toString()};
        out = new StringWriter();
        err = new StringWriter();
        assertThat(cli(out, err, verifyArgs)).as(out + " " + err).isZero();
        assertThat(out.toString()).contains("OK: every chunk is intact");
        flipOnDisk(victim, 40);
        out = new StringWriter();
        assertThat(cli(out, err, verifyArgs)).isEqualTo(ArgusCli.EXIT_FAILURE);
        assertThat(out.toString()).contains("ALTERED").contains(String.valueOf(rows.get(2).start().toEpochMilli()));
        flipOnDisk(victim, 40);
        out = new StringWriter();
        assertThat(cli(out, err, "keys", "rotate-master", "--data-dir", node.dataDir().toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 data key(s) re-wrapped");
        Path offlinePkg = work.resolve("offline.zip");
        assertThat(cli(out, err, "evidence", "export", "--data-dir", node.dataDir().toString(), "--camera",
                cam.toString(), "--from", rows.get(0).start().toString(), "--to", rows.get(3).end().toString(), "--out",
                offlinePkg.toString(), "--by", "tester")).as(err.toString()).isZero();
        assertThat(EvidenceVerifier.verify(offlinePkg, NodeSigningKey.loadOrCreate(node.dataDir()).publicKey())
                .manifest().exportedBy()).isEqualTo("cli:tester");
        try (Database db = Database.openEmbedded(node.dataDir()); Connection c = db.dataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT password FROM cameras WHERE name = 'locked'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("enc:v1:").doesNotContain("hunter2");
        }

        // Back up with the rotated key: the old recordings still play and verify.
        node.startServer();
        assertThat(node.api().get("/api/v1/cameras/" + cam + "/verify?" + window(rows.get(0), rows.get(3))).json()
                .path("ok").asBoolean()).isTrue();
        assertThat(getBytes("/api/v1/cameras/" + cam + "/export.mp4?" + window(rows.get(0), rows.get(3)), null)
                .body()).isEqualTo(mp4.body());
    }

    @Test
    void badRequestsGetClearErrors() {
        Answer noRange = node.api().get("/api/v1/cameras/" + cam + "/verify");
        assertThat(noRange.status()).isEqualTo(400);
        assertThat(noRange.json().path("error").asText()).isEqualTo("validation_failed");
        Answer nothing = node.api().get("/api/v1/cameras/" + cam + "/evidence?from=2001-01-01T00:00:00Z"
                + "&to=2001-01-01T00:01:00Z");
        assertThat(nothing.status()).isEqualTo(404);
        assertThat(node.api().get("/api/v1/cameras/" + UUID.randomUUID() + "/verify?from=2001-01-01T00:00:00Z"
                + "&to=2001-01-01T00:01:00Z").status()).isEqualTo(404);
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x01;
        return c;
    }

    private static void flipOnDisk(Path file, long at) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }

    private static Map<String, byte[]> entries(Path zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** A copy of the package with one entry changed (the zip itself rebuilt, as a forger would). */
    private static Path rewrite(Path pkg, String name, String entry, UnaryOperator<byte[]> change) throws Exception {
        Map<String, byte[]> e = entries(pkg);
        e.put(entry, change.apply(e.get(entry)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> x : e.entrySet()) {
                z.putNextEntry(new ZipEntry(x.getKey()));
                z.write(x.getValue());
                z.closeEntry();
            }
        }
        Path out = work.resolve(name);
        Files.write(out, bytes.toByteArray());
        return out;
    }
}
