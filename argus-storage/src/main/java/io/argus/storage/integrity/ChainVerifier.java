package io.argus.storage.integrity;

import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Re-hashes a camera's chunks over a range and walks their hash chain: each chunk's bytes must hash to its row's
 * SHA-256, each row's previous hash must be the hash of the row before it (from the chunk before the range on),
 * and the rows' times must follow each other. Reads through the store, so encrypted chunks and chunks on any tier
 * are checked as the video they hold.
 *
 * <p>A chunk a storage tier re-encoded is stored as a converted copy: its bytes are checked against the converted
 * hash the index recorded at the conversion, while the chain still runs through the original's hash (the link the
 * next chunk names), so the chain stays whole and the report says, chunk by chunk, which of the two was verified.
 */
public final class ChainVerifier {
    /** Bytes hashed per read: large enough for few reads of a local or remote chunk, small enough to hold. */
    private static final int READ = 1 << 20;

    private final ChunkIndex index;
    private final SegmentStore store;

    public ChainVerifier(ChunkIndex index, SegmentStore store) {
        this.index = index;
        this.store = store;
    }

    public ChainReport verify(UUID tenant, UUID camera, Instant from, Instant to) {
        List<ChunkRecord> rows = index.find(tenant, camera, from.minus(ChunkRecord.MAX_DURATION), to);
        ChunkRecord before = null;
        List<ChunkRecord> range = new ArrayList<>();
        for (ChunkRecord r : rows) {
            if (r.end().isAfter(from) || r.start().equals(from)) {
                range.add(r);
            } else {
                before = r;
            }
        }
        Map<String, ChunkRecord> byHash = new HashMap<>();
        for (ChunkRecord r : rows) {
            byHash.putIfAbsent(r.sha256(), r);
        }
        List<ChainProblem> problems = new ArrayList<>();
        List<ChainReport.Verified> verified = new ArrayList<>();
        Map<String, ChunkConversion> conversions = index.conversions(tenant, camera, from, to);
        String anchor = anchor(range, before);
        long bytes = 0;
        ChunkRecord prev = before;
        for (ChunkRecord r : range) {
            if (prev != null) {
                link(prev, r, byHash, problems);
            }
            ChunkConversion c = conversions.get(r.location());
            bytes += rehash(r, c, problems);
            verified.add(new ChainReport.Verified(id(r), c == null ? null : c.describe(),
                    c == null ? r.sha256() : c.sha256()));
            prev = r;
        }
        return new ChainReport(camera, from, to, range.size(), bytes, anchor, problems, verified);
    }

    private static String anchor(List<ChunkRecord> range, ChunkRecord before) {
        if (range.isEmpty()) {
            return "no chunks in the range";
        }
        ChunkRecord first = range.get(0);
        if (before != null) {
            return "linked to chunk " + id(before) + " before the range";
        }
        return first.prevSha256() == null ? "the camera's first chunk"
                : "the chunk before " + id(first) + " (" + first.prevSha256() + ") is no longer indexed "
                        + "(deleted by retention, or over " + ChunkRecord.MAX_DURATION.toHours() + " h earlier): "
                        + "the chain is checked from there";
    }

    private static void link(ChunkRecord prev, ChunkRecord r, Map<String, ChunkRecord> byHash,
                             List<ChainProblem> problems) {
        if (!Objects.equals(r.prevSha256(), prev.sha256())) {
            ChunkRecord claimed = r.prevSha256() == null ? null : byHash.get(r.prevSha256());
            if (claimed != null) {
                problems.add(new ChainProblem(ChainProblem.Kind.REORDERED, id(r), r.start(), "the chain puts chunk "
                        + id(claimed) + " right before it, the index has chunk " + id(prev)));
            } else {
                problems.add(new ChainProblem(ChainProblem.Kind.MISSING, id(r), r.start(), "the chunk before it ("
                        + (r.prevSha256() == null ? "none: a chain restarted" : "SHA-256 " + r.prevSha256())
                        + ") is not in the index; chunk " + id(prev) + " is"));
            }
        }
        if (r.start().isBefore(prev.end().minus(ChunkIndex.GAP_TOLERANCE))) {
            problems.add(new ChainProblem(ChainProblem.Kind.REORDERED, id(r), r.start(), "starts at " + r.start()
                    + ", before chunk " + id(prev) + " ends (" + prev.end() + ")"));
        }
    }

    /** Re-hashes a chunk's stored object (the conversion {@code conv} if not null); returns the bytes read. */
    private long rehash(ChunkRecord r, ChunkConversion conv, List<ChainProblem> problems) {
        MessageDigest d = sha256();
        long done = 0;
        try (ReadableChunk c = store.open(r.location())) {
            long size = c.size();
            while (done < size) {
                int n = (int) Math.min(READ, size - done);
                ByteBuf b = c.read(done, n, ByteBufAllocator.DEFAULT);
                try {
                    d.update(b.nioBuffer());
                } finally {
                    b.release();
                }
                done += n;
            }
        } catch (NoSuchFileException | FileNotFoundException e) {
            problems.add(new ChainProblem(ChainProblem.Kind.MISSING, id(r), r.start(), "its object "
                    + r.location() + " is not in the store"));
            return done;
        } catch (IOException | RuntimeException e) {
            problems.add(new ChainProblem(ChainProblem.Kind.ALTERED, id(r), r.start(), "cannot be read as "
                    + "recorded: " + e.getMessage()));
            return done;
        }
        String hash = HexFormat.of().formatHex(d.digest());
        long bytes = conv == null ? r.bytes() : conv.bytes();
        String expected = conv == null ? r.sha256() : conv.sha256();
        if (!hash.equals(expected) || done != bytes) {
            problems.add(new ChainProblem(ChainProblem.Kind.ALTERED, id(r), r.start(), "its " + done
                    + " bytes hash to " + hash + "; the index has " + bytes + " bytes hashing to " + expected
                    + (conv == null ? "" : " (its " + conv.describe() + " conversion)")));
        }
        return done;
    }

    /** A chunk's id: its start in epoch milliseconds (as in playback URLs). */
    public static long id(ChunkRecord r) {
        return r.start().toEpochMilli();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
