package io.argus.storage.evidence;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code manifest.json} of an evidence package: what was exported, by whom, when, and the proof that ties the
 * video to the recorded chunks. {@code manifest.sig} signs its exact bytes.
 *
 * @param format             {@value #FORMAT}
 * @param nodeKeyFingerprint SHA-256 of the signing node's public key (DER), hex
 * @param video              the MP4 of the range in the package
 * @param chain              the chunks that cover the range with their hashes: the hash chain from the chunk
 *                           before the range (its SHA-256 is {@code anchorSha256}) through the range's end
 * @param integrity          what the node found when it re-hashed those chunks at export time
 */
@JsonPropertyOrder({"format", "tenant", "camera", "from", "to", "exportedBy", "exportedAt", "nodeKeyFingerprint",
        "video", "chain", "integrity"})
public record EvidenceManifest(String format, UUID tenant, Camera camera, Instant from, Instant to,
                               String exportedBy, Instant exportedAt, String nodeKeyFingerprint, Video video,
                               Chain chain, Integrity integrity) {
    public static final String FORMAT = "argus-evidence/1";

    public record Camera(UUID id, String name) {
    }

    /** @param start wall time of the MP4's first sample */
    public record Video(String file, long bytes, String sha256, Instant start) {
    }

    public record Chain(String anchorSha256, List<Link> chunks) {
    }

    /**
     * One chunk: its id (start in epoch milliseconds), times, size and SHA-256 of its plaintext as recorded (the
     * chain's link), previous hash, and what the node re-hashed at export: {@code "original"}, or for a chunk a
     * storage tier re-encoded {@code "converted copy (H265 crf=28)"} with that copy's size and SHA-256 (the video
     * in the package is then made from the converted copy; the original's link in the chain is unchanged).
     */
    @JsonPropertyOrder({"id", "start", "end", "bytes", "sha256", "prevSha256", "verified", "convertedBytes",
            "convertedSha256"})
    public record Link(long id, Instant start, Instant end, long bytes, String sha256, String prevSha256,
                       String verified, Long convertedBytes, String convertedSha256) {
        public static final String ORIGINAL = "original";
    }

    public record Integrity(boolean ok, String anchor, List<String> problems) {
    }
}
