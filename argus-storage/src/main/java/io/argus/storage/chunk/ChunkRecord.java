package io.argus.storage.chunk;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * The index row of a closed chunk.
 *
 * @param start      wall time of the first sample (the chunk's key; unique per camera)
 * @param end        wall time just past the last sample (its timestamp plus its duration)
 * @param codec      the RFC 6381 codecs string of its tracks ({@code avc1.640028,mp4a.40.2}), for playlists
 * @param volume     the store volume holding it (see {@link ChunkInfo#volume()})
 * @param sha256     SHA-256 of its bytes, lower-case hex
 * @param prevSha256 the camera's previous chunk's {@code sha256}, or null for its first: a per-camera hash chain
 *                   in which a missing or altered chunk is detectable
 * @param writerNode the cluster node that wrote it (cluster.node), whose local disk holds it until the mover copies
 *                   it to object storage; null: this node's (a single node's chunks, and a record not yet indexed,
 *                   which the index stamps with its own node)
 */
public record ChunkRecord(UUID tenant, UUID camera, Instant start, Instant end, long bytes, String codec, Tier tier,
                          String volume, String location, String sha256, String prevSha256, String writerNode) {
    /**
     * The longest chunk the index accepts. Chunks are about a minute; an hour is far beyond any sane setting and
     * bounds range queries, which then stay on the (tenant, camera, start) index: a chunk that overlaps
     * {@code [from, to)} starts after {@code from - MAX_DURATION}.
     */
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    /** A record with no writer node yet: the index that adds it names its own. */
    public ChunkRecord(UUID tenant, UUID camera, Instant start, Instant end, long bytes, String codec, Tier tier,
                       String volume, String location, String sha256, String prevSha256) {
        this(tenant, camera, start, end, bytes, codec, tier, volume, location, sha256, prevSha256, null);
    }

    public ChunkRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(location, "location");
        // Microseconds: what PostgreSQL and H2 timestamps hold, so a record reads back equal.
        start = Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.MICROS);
        end = Objects.requireNonNull(end, "end").truncatedTo(ChronoUnit.MICROS);
        if (end.isBefore(start) || Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("chunk must end within " + MAX_DURATION + " after it starts: "
                    + start + " .. " + end);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes < 0: " + bytes);
        }
        checkHash(sha256, "sha256");
        if (prevSha256 != null) {
            checkHash(prevSha256, "prevSha256");
        }
    }

    /** The record of a closed chunk, chained to the camera's previous one ({@code previous} null for its first). */
    public static ChunkRecord of(ChunkInfo info, Instant end, String codec, Tier tier, ChunkRecord previous) {
        ChunkKey k = info.key();
        return new ChunkRecord(k.tenant(), k.camera(), k.start(), end, info.bytes(), codec, tier, info.volume(),
                info.location(), info.sha256(), previous == null ? null : previous.sha256());
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    private static void checkHash(String hex, String what) {
        Objects.requireNonNull(hex, what);
        if (hex.length() != 64 || !hex.equals(hex.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException(what + " must be 64 lower-case hex digits: " + hex);
        }
        HexFormat.of().parseHex(hex);
    }
}
