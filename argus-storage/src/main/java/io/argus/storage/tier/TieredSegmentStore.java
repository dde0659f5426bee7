package io.argus.storage.tier;

import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkRepair;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.Placement;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.chunk.StoredChunk;
import io.argus.storage.chunk.VolumeStore;
import io.argus.storage.chunk.VolumeUsage;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The local store and the object-storage targets as one store. Locations that start with {@code s3:<target>/}
 * belong to that target; every other location is the local store's. New recordings, recovery, volume usage and the
 * orphan scan are the local store's alone (object storage only ever receives copies the mover makes and checks).
 *
 * <p>A router, not a decorator: it implements every method itself rather than extending a forwarding base, so a
 * method added to the store interfaces is a compile error here until someone decides where it goes by location.
 */
public final class TieredSegmentStore implements VolumeStore {
    /** The location prefix of object-storage targets. */
    public static final String REMOTE = "s3:";

    private final VolumeStore local;
    private final Map<String, SegmentStore> targets;

    /** @param targets the object-storage stores by target name */
    public TieredSegmentStore(VolumeStore local, Map<String, ? extends SegmentStore> targets) {
        this.local = local;
        this.targets = Map.copyOf(targets);
    }

    /** The store a location belongs to. */
    SegmentStore storeOf(String location) {
        if (!location.startsWith(REMOTE)) {
            return local;
        }
        int slash = location.indexOf('/');
        String name = slash < 0 ? "" : location.substring(REMOTE.length(), slash);
        SegmentStore s = targets.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no storage target '" + name + "' configured for " + location);
        }
        return s;
    }

    private SegmentStore storeFor(Placement p) {
        if (p.target().equals(Placement.LOCAL)) {
            return local;
        }
        SegmentStore s = targets.get(p.target());
        if (s == null) {
            throw new IllegalArgumentException("no storage target '" + p.target() + "' configured");
        }
        return s;
    }

    @Override
    public ChunkWriter create(ChunkKey key) throws IOException {
        return local.create(key);
    }

    @Override
    public boolean hasRoom() {
        return local.hasRoom();
    }

    @Override
    public ChunkInfo put(ChunkKey key, Placement placement, ReadableChunk source) throws IOException {
        return storeFor(placement).put(key, placement, source);
    }

    @Override
    public ReadableChunk open(String location) throws IOException {
        return storeOf(location).open(location);
    }

    /** Empty for a location on an object-storage target (after checking the target is configured). */
    @Override
    public Optional<Path> localPath(String location) {
        return storeOf(location) == local ? local.localPath(location) : Optional.empty();
    }

    @Override
    public boolean delete(String location) throws IOException {
        return storeOf(location).delete(location);
    }

    @Override
    public List<VolumeUsage> usage() {
        return local.usage();
    }

    @Override
    public String volumeOf(String location) {
        return storeOf(location).volumeOf(location);
    }

    @Override
    public void forEachChunk(Consumer<StoredChunk> action) throws IOException {
        local.forEachChunk(action);
    }

    @Override
    public List<ChunkInfo> recover(ToLongFunction<ByteBuf> lastCompleteEnd) throws IOException {
        return local.recover(lastCompleteEnd);
    }

    /** Partial chunks are only ever local; the encrypting layer above repairs them through this. */
    @Override
    public List<ChunkInfo> recover(ChunkRepair repair) throws IOException {
        return local.recover(repair);
    }

    @Override
    public void close() {
        local.close();
        targets.values().forEach(SegmentStore::close);
    }
}
