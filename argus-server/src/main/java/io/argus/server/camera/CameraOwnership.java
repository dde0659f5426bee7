package io.argus.server.camera;

import io.argus.cluster.shard.LocalShardAssignment;
import io.argus.cluster.shard.Shards;
import io.argus.metadata.Camera;
import io.argus.storage.chunk.ChunkIndex;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Which cameras this node ingests and records, and in which fencing epoch: the one place that decides it.
 *
 * <ul>
 *   <li>A camera pulled from a source (RTSP, SRT) is this node's while it owns the camera's shard
 *       ({@link Shards#shardOf} of its id), in the epoch it was given the shard in; the cluster's shard listener
 *       changes that ({@link CameraService#takeOver}, {@link CameraService#release}).</li>
 *   <li>A pushed camera (no source URL: RTSP publish, RTMP, SRT or WHIP) is ingested and recorded by whichever node
 *       its publisher dialled, {@link ChunkIndex#UNFENCED}: the publisher chose the node, not the cluster.</li>
 *   <li>A single node owns every shard in {@link LocalShardAssignment#EPOCH} from the start, so it ingests
 *       every camera as soon as it loads it, as it always did.</li>
 * </ul>
 */
public final class CameraOwnership {
    private final Shards shards;
    private final Map<Integer, Long> owned = new ConcurrentHashMap<>();

    private CameraOwnership(Shards shards) {
        this.shards = shards;
    }

    /** A node of a cluster: it owns nothing until its shard group assigns it shards. */
    public static CameraOwnership cluster(Shards shards) {
        return new CameraOwnership(shards);
    }

    /** The single node: every shard, in {@link LocalShardAssignment#EPOCH}, from the start. */
    public static CameraOwnership everything(Shards shards) {
        CameraOwnership o = new CameraOwnership(shards);
        IntStream.range(0, shards.count()).forEach(s -> o.owned.put(s, LocalShardAssignment.EPOCH));
        return o;
    }

    public int shardOf(UUID camera) {
        return shards.shardOf(camera.toString());
    }

    /** Whether this node owns the camera's shard (pulls it, if it has a source). */
    public boolean owns(UUID camera) {
        return owned.containsKey(shardOf(camera));
    }

    /** Whether this node ingests and records the camera: a pushed one always, a pulled one when it owns it. */
    public boolean ingestsHere(Camera camera) {
        return camera.url() == null || owns(camera.id());
    }

    /** The epoch the camera's chunks are indexed in here: its shard's, or unfenced for a pushed camera. */
    public long epoch(Camera camera) {
        Long e = camera.url() == null ? null : owned.get(shardOf(camera.id()));
        return e == null ? ChunkIndex.UNFENCED : e;
    }

    /** The epoch this node holds the camera's shard in, or empty when another node owns it. */
    public OptionalLong shardEpoch(UUID camera) {
        Long e = owned.get(shardOf(camera));
        return e == null ? OptionalLong.empty() : OptionalLong.of(e);
    }

    /** Takes {@code assigned} in {@code epoch}; returns those this node did not own before. */
    Set<Integer> own(Set<Integer> assigned, long epoch) {
        Set<Integer> added = new TreeSet<>();
        for (Integer s : assigned) {
            if (owned.put(s, epoch) == null) {
                added.add(s);
            }
        }
        return added;
    }

    /** Lets {@code shards} go; returns those this node owned. */
    Set<Integer> disown(Set<Integer> released) {
        Set<Integer> removed = new TreeSet<>();
        for (Integer s : released) {
            if (owned.remove(s) != null) {
                removed.add(s);
            }
        }
        return removed;
    }
}
