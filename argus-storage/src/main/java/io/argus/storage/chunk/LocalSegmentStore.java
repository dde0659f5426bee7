package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chunks on local disk, over one or more data directories (volumes), each with a maximum size and a minimum of
 * free space to leave. The layout of files and locations is in {@link ChunkLayout}:
 * {@code <volume>/<tenant>/<camera>/<yyyy>/<mm>/<dd>/<start-epoch-millis>.mp4}, written as {@code ….mp4.part}
 * and renamed when closed.
 *
 * <p>Usage is accounted as chunks are written and deleted, and rebuilt from a scan of every volume when the store
 * opens, so it survives restarts without being stored anywhere.
 */
public final class LocalSegmentStore implements VolumeStore {
    static final Logger LOG = LoggerFactory.getLogger(LocalSegmentStore.class);
    private static final Set<StandardOpenOption> NEW_CHUNK = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    private final Map<String, LocalVolume> volumes;

    private LocalSegmentStore(Map<String, LocalVolume> volumes) {
        this.volumes = volumes;
    }

    /**
     * Opens the store: creates missing directories and scans each volume for its usage.
     *
     * @throws IllegalArgumentException if no volume is given, or two share a name or a directory
     */
    public static LocalSegmentStore open(List<LocalVolumeConfig> configs) throws IOException {
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("a local segment store needs at least one volume");
        }
        Map<String, LocalVolume> volumes = new LinkedHashMap<>();
        List<Path> dirs = new ArrayList<>();
        for (LocalVolumeConfig c : configs) {
            for (Path d : dirs) {
                if (d.startsWith(c.dir()) || c.dir().startsWith(d)) {
                    throw new IllegalArgumentException("volume directories overlap: " + d + " and " + c.dir());
                }
            }
            if (volumes.containsKey(c.name())) {
                throw new IllegalArgumentException("two volumes named " + c.name());
            }
            LocalVolume v = new LocalVolume(c);
            v.scanUsage();
            volumes.put(c.name(), v);
            dirs.add(c.dir());
        }
        return new LocalSegmentStore(volumes);
    }

    @Override
    public ChunkWriter create(ChunkKey key) throws IOException {
        LocalVolume volume = roomiest();
        if (volume == null) {
            throw new StoreFullException("no volume has room for a new chunk: " + usage());
        }
        String relative = ChunkLayout.relativePath(key);
        Path target = volume.dir().resolve(relative);
        Path part = volume.dir().resolve(relative + ".part");
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "chunk already recorded");
        }
        FileChannel channel;
        try {
            PrivateFiles.createDirectories(target.getParent());
            channel = FileChannel.open(part, NEW_CHUNK, PrivateFiles.fileAttributes());
        } catch (NoSuchFileException e) {
            // Retention pruned the empty day directory between the two calls: make it again, once.
            PrivateFiles.createDirectories(target.getParent());
            channel = FileChannel.open(part, NEW_CHUNK, PrivateFiles.fileAttributes());
        }
        LocalVolume.syncDirectory(target.getParent());
        return new LocalChunkWriter(volume, key, volume.name() + "/" + relative, part, target, channel);
    }

    /**
     * Copies a chunk back onto local disk (a promotion to the hot tier): onto the volume that already holds a copy
     * of it (a retried promotion overwrites it), else the one with the most room. Written as {@code .mp4.copy}
     * (never taken for a recording by {@link #recover}), synced, then renamed over the chunk's file.
     */
    @Override
    public ChunkInfo put(ChunkKey key, Placement placement, ReadableChunk source) throws IOException {
        if (!placement.target().equals(Placement.LOCAL)) {
            throw new UnsupportedOperationException("local volumes take hot copies only, not " + placement);
        }
        String relative = ChunkLayout.relativePath(key);
        LocalVolume volume = null;
        for (LocalVolume v : volumes.values()) {
            if (Files.exists(v.dir().resolve(relative))) {
                volume = v;
            }
        }
        volume = volume != null ? volume : roomiest();
        if (volume == null) {
            throw new StoreFullException("no volume has room for a promoted chunk: " + usage());
        }
        Path target = volume.dir().resolve(relative);
        Path copy = volume.dir().resolve(relative + ".copy");
        PrivateFiles.createDirectories(target.getParent());
        String hash;
        long size = source.size();
        try (FileChannel ch = FileChannel.open(copy, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), PrivateFiles.fileAttributes())) {
            hash = ChunkCopy.copy(source, slice -> {
                while (slice.isReadable()) {
                    slice.readBytes(ch, slice.readableBytes());
                }
            });
            ch.force(false);
        }
        long old = LocalVolume.sizeOrZero(target);
        Files.move(copy, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LocalVolume.syncDirectory(target.getParent());
        volume.addUsed(size - old);
        return new ChunkInfo(key, volume.name(), volume.name() + "/" + relative, size, hash);
    }

    /** The volume with the most room, or null if none has any. */
    private LocalVolume roomiest() {
        LocalVolume best = null;
        long bestRoom = 0;
        for (LocalVolume v : volumes.values()) {
            long room = v.usage().roomBytes();
            if (room > bestRoom) {
                best = v;
                bestRoom = room;
            }
        }
        return best;
    }

    @Override
    public boolean hasRoom() {
        return roomiest() != null;
    }

    @Override
    public ReadableChunk open(String location) throws IOException {
        Path path = path(location);
        return new LocalReadableChunk(location, path, FileChannel.open(path, StandardOpenOption.READ));
    }

    @Override
    public Optional<Path> localPath(String location) {
        return Optional.of(path(location));
    }

    private Path path(String location) {
        ChunkLayout.parse(location);
        return volume(location).dir().resolve(location.substring(location.indexOf('/') + 1));
    }

    private LocalVolume volume(String location) {
        LocalVolume v = volumes.get(ChunkLayout.volume(location));
        if (v == null) {
            throw new IllegalArgumentException("no volume " + ChunkLayout.volume(location) + " for " + location);
        }
        return v;
    }

    @Override
    public String volumeOf(String location) {
        return volume(location).name();
    }

    @Override
    public boolean delete(String location) throws IOException {
        LocalVolume volume = volume(location);
        Path path = path(location);
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!Files.deleteIfExists(path)) {
            return false;
        }
        volume.addUsed(-size);
        pruneEmptyDirectories(volume, path.getParent());
        return true;
    }

    /** Removes the day, month and year directories a delete left empty; the camera's directory stays. */
    private static void pruneEmptyDirectories(LocalVolume volume, Path dayDir) {
        Path dir = dayDir;
        for (int level = 0; level < 3 && dir.startsWith(volume.dir()) && !dir.equals(volume.dir()); level++) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                LOG.debug("cannot remove empty directory {}: {}", dir, e.toString());
                return;
            }
            dir = dir.getParent();
        }
    }

    @Override
    public List<VolumeUsage> usage() {
        List<VolumeUsage> out = new ArrayList<>(volumes.size());
        for (LocalVolume v : volumes.values()) {
            out.add(v.usage());
        }
        return out;
    }

    @Override
    public void forEachChunk(Consumer<StoredChunk> action) throws IOException {
        for (LocalVolume v : volumes.values()) {
            try (Stream<Path> files = Files.walk(v.dir())) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (!p.getFileName().toString().endsWith(ChunkLayout.SUFFIX) || !Files.isRegularFile(p)) {
                        continue;
                    }
                    String location = location(v, p);
                    ChunkKey key = parseOrNull(location);
                    if (key != null) {
                        action.accept(new StoredChunk(key, v.name(), location, LocalVolume.sizeOrZero(p)));
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private static String location(LocalVolume v, Path file) {
        return v.name() + "/" + v.dir().relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static ChunkKey parseOrNull(String location) {
        try {
            return ChunkLayout.parse(location);
        } catch (IllegalArgumentException e) {
            LOG.debug("not a chunk, skipped: {}", location);
            return null;
        }
    }

    @Override
    public List<ChunkInfo> recover(ToLongFunction<ByteBuf> lastCompleteEnd) throws IOException {
        return recover((key, bytes) -> {
            long end = Math.max(0, Math.min(lastCompleteEnd.applyAsLong(bytes), bytes.writerIndex()));
            if (end == 0) {
                return ChunkRepair.Repaired.DROP;
            }
            MessageDigest digest = LocalChunkWriter.sha256();
            digest.update(bytes.nioBuffer(0, (int) end));
            return new ChunkRepair.Repaired(end, 0, null, end, HexFormat.of().formatHex(digest.digest()));
        });
    }

    @Override
    public List<ChunkInfo> recover(ChunkRepair repair) throws IOException {
        List<ChunkInfo> recovered = new ArrayList<>();
        for (LocalVolume v : volumes.values()) {
            List<Path> parts;
            try (Stream<Path> files = Files.walk(v.dir())) {
                parts = files.filter(p -> p.getFileName().toString().endsWith(ChunkLayout.PART_SUFFIX)).toList();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (Path part : parts) {
                String name = part.toString();
                Path target = Path.of(name.substring(0, name.length() - ".part".length()));
                ChunkKey key = parseOrNull(location(v, target));
                if (key == null) {
                    continue;
                }
                if (Files.exists(target)) {
                    LOG.warn("both {} and its closed chunk exist; the partial one is left alone", part);
                    continue;
                }
                ChunkInfo info = recoverOne(v, key, part, target, repair);
                if (info != null) {
                    recovered.add(info);
                }
            }
        }
        return recovered;
    }

    private static ChunkInfo recoverOne(LocalVolume v, ChunkKey key, Path part, Path target, ChunkRepair repair)
            throws IOException {
        ChunkRepair.Repaired kept;
        long size;
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException("partial chunk over 2 GiB, not a chunk this store writes: " + part);
            }
            // Read once into direct memory (recovery runs once per crashed chunk, at start-up); the repair (the
            // fMP4 parser and the digest) reads that buffer in place.
            ByteBuf bytes = ByteBufAllocator.DEFAULT.directBuffer((int) size, (int) size);
            try {
                while (bytes.isWritable()) {
                    if (bytes.writeBytes(ch, bytes.writerIndex(), bytes.writableBytes()) < 0) {
                        break;
                    }
                }
                kept = repair.repair(key, bytes);
            } finally {
                bytes.release();
            }
            if (kept.keep() > 0) {
                if (kept.rewrite() != null) {
                    try {
                        long at = kept.rewriteAt();
                        while (kept.rewrite().isReadable()) {
                            kept.rewrite().readBytes(ch, at, kept.rewrite().readableBytes());
                            at = kept.rewriteAt() + kept.rewrite().readerIndex();
                        }
                    } finally {
                        kept.rewrite().release();
                    }
                }
                if (kept.keep() < ch.size()) {
                    ch.truncate(kept.keep());
                }
                ch.force(false);
            }
        }
        long end = kept.keep();
        if (end == 0) {
            Files.delete(part);
            v.addUsed(-size);
            LOG.warn("dropped partial chunk {} ({} bytes): no complete fragment", part, size);
            return null;
        }
        v.addUsed(end - size);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        LocalVolume.syncDirectory(target.getParent());
        LOG.info("recovered chunk {}: {} of {} bytes kept", target, end, size);
        return new ChunkInfo(key, v.name(), location(v, target), kept.bytes(), kept.sha256());
    }

    @Override
    public void close() {
        // Nothing held: writers and readers own their files.
    }
}
