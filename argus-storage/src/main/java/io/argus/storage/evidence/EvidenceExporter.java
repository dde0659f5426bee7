package io.argus.storage.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.integrity.ChainReport;
import io.argus.storage.integrity.ChainVerifier;
import io.argus.storage.playback.MediaOutput;
import io.argus.storage.playback.Mp4Export;
import io.argus.storage.playback.Playback;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds evidence packages: a zip of {@code video.mp4} (the range as one MP4, stored uncompressed),
 * {@code manifest.json}, {@code manifest.sig} (Ed25519 over the manifest's bytes, base64) and
 * {@code node-public-key.pem}. The chunks are re-hashed at export time and the result goes into the manifest, so
 * a package made from damaged recordings says so.
 */
public final class EvidenceExporter {
    public static final String VIDEO = "video.mp4";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String PUBLIC_KEY = "node-public-key.pem";

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Playback playback;
    private final ChunkIndex index;
    private final NodeSigningKey key;
    private final Clock clock;

    public EvidenceExporter(Playback playback, ChunkIndex index, NodeSigningKey key, Clock clock) {
        this.playback = playback;
        this.index = index;
        this.key = key;
        this.clock = clock;
    }

    /**
     * Writes the package of {@code [from, to)} to {@code out} (not closed).
     *
     * @throws io.argus.storage.playback.PlaybackException if nothing is recorded there or the format changes
     */
    public EvidenceManifest export(UUID tenant, UUID camera, String cameraName, Instant from, Instant to,
                                   String exportedBy, OutputStream out) throws IOException {
        try (Prepared p = prepare(tenant, camera, cameraName, from, to, exportedBy)) {
            p.writeTo(out);
            return p.manifest();
        }
    }

    /**
     * Builds the package's parts before any byte of it is sent: the MP4 into a temporary file (hashed), the
     * manifest and its signature. Whatever can fail fails here, so an HTTP answer is an error or a whole package,
     * never a cut one; the MP4 is never held in memory. The caller closes the result (deleting the file).
     *
     * @throws io.argus.storage.playback.PlaybackException if nothing is recorded there or the format changes
     */
    public Prepared prepare(UUID tenant, UUID camera, String cameraName, Instant from, Instant to,
                            String exportedBy) throws IOException {
        Mp4Export mp4 = playback.export(tenant, camera, from, to);
        Path video = Files.createTempFile("argus-evidence-", ".mp4");
        try {
            try (FileChannel ch = FileChannel.open(video, StandardOpenOption.WRITE)) {
                playback.write(mp4, MediaOutput.of(ch));
            }
            MessageDigest sha = sha256();
            CRC32 crc = new CRC32();
            long size = 0;
            try (InputStream in = Files.newInputStream(video)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; size += n) {
                    sha.update(buf, 0, n);
                    crc.update(buf, 0, n);
                }
            }
            EvidenceManifest manifest = manifest(tenant, camera, cameraName, from, to, exportedBy,
                    new EvidenceManifest.Video(VIDEO, size, HexFormat.of().formatHex(sha.digest()), mp4.start()));
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            return new Prepared(manifest, manifestBytes, key.sign(manifestBytes), key.publicKeyPem(), video, size,
                    crc.getValue());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(video);
            throw e;
        }
    }

    /** A package ready to send; {@link #close()} deletes its temporary MP4. */
    public static final class Prepared implements AutoCloseable {
        private final EvidenceManifest manifest;
        private final byte[] manifestBytes;
        private final byte[] signature;
        private final String publicKeyPem;
        private final Path video;
        private final long videoSize;
        private final long videoCrc;

        private Prepared(EvidenceManifest manifest, byte[] manifestBytes, byte[] signature, String publicKeyPem,
                         Path video, long videoSize, long videoCrc) {
            this.manifest = manifest;
            this.manifestBytes = manifestBytes;
            this.signature = signature;
            this.publicKeyPem = publicKeyPem;
            this.video = video;
            this.videoSize = videoSize;
            this.videoCrc = videoCrc;
        }

        public EvidenceManifest manifest() {
            return manifest;
        }

        /** Writes the zip to {@code out} (not closed); the video is stored uncompressed, as it is. */
        public void writeTo(OutputStream out) throws IOException {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, MANIFEST, manifestBytes);
            put(zip, SIGNATURE, (Base64.getEncoder().encodeToString(signature) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            put(zip, PUBLIC_KEY, publicKeyPem.getBytes(StandardCharsets.US_ASCII));
            ZipEntry v = new ZipEntry(VIDEO);
            v.setMethod(ZipEntry.STORED);
            v.setSize(videoSize);
            v.setCompressedSize(videoSize);
            v.setCrc(videoCrc);
            zip.putNextEntry(v);
            Files.copy(video, zip);
            zip.closeEntry();
            zip.finish();
            zip.flush();
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(video);
        }
    }

    private EvidenceManifest manifest(UUID tenant, UUID camera, String cameraName, Instant from, Instant to,
                                      String exportedBy, EvidenceManifest.Video video) {
        List<ChunkRecord> chunks = index.find(tenant, camera, from, to);
        Map<String, ChunkConversion> conversions = index.conversions(tenant, camera, from, to);
        List<EvidenceManifest.Link> links = chunks.stream().map(c -> link(c, conversions.get(c.location()))).toList();
        ChainReport report = new ChainVerifier(index, playback.store()).verify(tenant, camera, from, to);
        return new EvidenceManifest(EvidenceManifest.FORMAT, tenant, new EvidenceManifest.Camera(camera, cameraName),
                from, to, exportedBy, clock.instant(), NodeSigningKey.fingerprint(key.publicKey()), video,
                new EvidenceManifest.Chain(chunks.isEmpty() ? null : chunks.get(0).prevSha256(), links),
                new EvidenceManifest.Integrity(report.ok(), report.anchor(), report.problems().stream()
                        .map(p -> p.kind() + " chunk " + p.chunk() + ": " + p.detail()).toList()));
    }

    private static EvidenceManifest.Link link(ChunkRecord c, ChunkConversion conversion) {
        return new EvidenceManifest.Link(ChainVerifier.id(c), c.start(), c.end(), c.bytes(), c.sha256(),
                c.prevSha256(), conversion == null ? EvidenceManifest.Link.ORIGINAL
                        : "converted copy (" + conversion.describe() + ")",
                conversion == null ? null : conversion.bytes(), conversion == null ? null : conversion.sha256());
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
