package io.argus.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.playback.ChunkFixtures;
import io.argus.storage.playback.ChunkFragments;
import io.argus.storage.playback.Playback;
import io.argus.storage.record.MemoryChunkIndex;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence packages of chunks recorded the way the recorder writes them, through a local store and an index in
 * memory: the package's layout and manifest, the offline check passing, and failing for a flipped byte of the
 * video, an edited manifest and recordings damaged before the export.
 */
class EvidenceExporterTest {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPORTED_AT = Instant.parse("2026-03-02T08:00:00Z");
    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID CAMERA = UUID.randomUUID();

    @TempDir
    static Path dir;
    static LocalSegmentStore store;
    static NodeSigningKey key;
    static EvidenceExporter exporter;
    static final List<ChunkRecord> chunks = new ArrayList<>();

    @BeforeAll
    static void record() throws Exception {
        store = LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir.resolve("store"), 1L << 40, 0)));
        MemoryChunkIndex index = new MemoryChunkIndex();
        ChunkRecord prev = null;
        for (int i = 0; i < 3; i++) {
            prev = ChunkFixtures.write(store, TENANT, CAMERA, T0.plus(ChunkFixtures.CHUNK_DURATION.multipliedBy(i)),
                    SampleMedia.H264_360P25, false, i * 360_000L, prev);
            assertThat(index.add(prev)).isTrue();
            chunks.add(prev);
        }
        key = NodeSigningKey.loadOrCreate(dir.resolve("node"));
        exporter = new EvidenceExporter(new Playback(index, store, new ChunkFragments(store, ALLOC), ALLOC), index,
                key, Clock.fixed(EXPORTED_AT, ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** The package of the last two chunks: the first is the chain's anchor. */
    private static Path export(String name) throws Exception {
        Path pkg = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(pkg)) {
            exporter.export(TENANT, CAMERA, "gate", chunks.get(1).start(), chunks.get(2).end(), "alice", out);
        }
        return pkg;
    }

    @Test
    void aPackageOfRecordedChunksVerifiesAgainstTheNodeKey() throws Exception {
        Path pkg = export("evidence.zip");

        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).containsExactly(EvidenceExporter.MANIFEST,
                    EvidenceExporter.SIGNATURE, EvidenceExporter.PUBLIC_KEY, EvidenceExporter.VIDEO);
            assertThat(zip.getEntry(EvidenceExporter.VIDEO).getMethod()).isEqualTo(ZipEntry.STORED);
            String manifest = new String(zip.getInputStream(zip.getEntry(EvidenceExporter.MANIFEST)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(manifest).startsWith("{\n  \"format\" : \"argus-evidence/1\",\n  \"tenant\" : \"" + TENANT
                    + "\",\n  \"camera\" : {\n    \"id\" : \"" + CAMERA + "\",\n    \"name\" : \"gate\"\n  },\n"
                    + "  \"from\" : \"2026-03-01T10:00:04Z\",\n  \"to\" : \"2026-03-01T10:00:12Z\",\n"
                    + "  \"exportedBy\" : \"alice\",\n  \"exportedAt\" : \"2026-03-02T08:00:00Z\",\n");
        }
        EvidenceVerifier.Result r = EvidenceVerifier.verify(pkg, key.publicKey());
        assertThat(r.pinned()).isTrue();
        assertThat(r.keyFingerprint()).isEqualTo(NodeSigningKey.fingerprint(key.publicKey()));
        assertThat(r.checks()).hasSize(4);
        EvidenceManifest m = r.manifest();
        assertThat(m.exportedBy()).isEqualTo("alice");
        assertThat(m.exportedAt()).isEqualTo(EXPORTED_AT);
        assertThat(m.integrity().ok()).isTrue();
        assertThat(m.chain().anchorSha256()).as("the chain starts at the chunk before the range")
                .isEqualTo(chunks.get(0).sha256());
        assertThat(m.chain().chunks()).extracting(EvidenceManifest.Link::sha256)
                .containsExactly(chunks.get(1).sha256(), chunks.get(2).sha256());
        assertThat(EvidenceVerifier.verify(pkg, null).pinned()).isFalse();
    }

    @Test
    void aFlippedByteOfTheVideoFailsTheCheck() throws Exception {
        Path pkg = export("flipped.zip");
        long videoAt;
        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            assertThat(zip.getEntry(EvidenceExporter.VIDEO).getSize()).isGreaterThan(Files.size(pkg) / 2);
            videoAt = Files.size(pkg) / 2;
        }
        flip(pkg, videoAt);
        assertThatThrownBy(() -> EvidenceVerifier.verify(pkg, key.publicKey())).isInstanceOf(EvidenceException.class)
                .hasMessageContaining(EvidenceExporter.VIDEO);
    }

    @Test
    void anEditedManifestFailsTheSignatureAndAnotherNodesKeyIsRefused() throws Exception {
        Path pkg = export("signed.zip");
        Path edited = dir.resolve("edited.zip");
        try (ZipFile in = new ZipFile(pkg.toFile()); ZipOutputStream out = new ZipOutputStream(
                Files.newOutputStream(edited))) {
            for (ZipEntry e : in.stream().toList()) {
                byte[] b = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(EvidenceExporter.MANIFEST)) {
                    b = new String(b, StandardCharsets.UTF_8).replace("\"alice\"", "\"mallory\"")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(b);
                out.closeEntry();
            }
        }
        assertThatThrownBy(() -> EvidenceVerifier.verify(edited, null)).isInstanceOf(EvidenceException.class)
                .hasMessageContaining("signature check failed");
        PublicKey stranger = NodeSigningKey.loadOrCreate(dir.resolve("other-node")).publicKey();
        assertThatThrownBy(() -> EvidenceVerifier.verify(pkg, stranger)).isInstanceOf(EvidenceException.class)
                .hasMessageContaining("not the trusted key");
    }

    @Test
    void recordingsDamagedBeforeTheExportAreNamedAndFailTheCheck() throws Exception {
        Path stored = store.localPath(chunks.get(2).location()).orElseThrow();
        flip(stored, 5000);
        Path pkg;
        try {
            pkg = export("damaged.zip");
        } finally {
            flip(stored, 5000);
        }
        assertThatThrownBy(() -> EvidenceVerifier.verify(pkg, key.publicKey())).isInstanceOf(EvidenceException.class)
                .hasMessageContaining("damaged when it exported them")
                .hasMessageContaining(String.valueOf(chunks.get(2).start().toEpochMilli()));
    }

    private static void flip(Path file, long at) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }
}
