package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A store with local volumes, which is where recordings are written: besides what every {@link SegmentStore}
 * does, it starts new chunks, says whether there is room for them and how full each volume is, and completes the
 * chunks a killed process left open. {@link LocalSegmentStore} is one; the tiered store and the encrypting
 * decorator are one through the local store behind them. Object storage is not: chunks only ever reach it closed.
 */
public interface VolumeStore extends SegmentStore {

    /**
     * Starts a new chunk on the volume with the most room.
     *
     * @throws StoreFullException if no volume has room (see {@link #hasRoom()})
     * @throws java.nio.file.FileAlreadyExistsException if a chunk (or a leftover partial one) with this key exists
     */
    ChunkWriter create(ChunkKey key) throws IOException;

    /**
     * True while {@link #create} would find room. Cheap enough to poll every few seconds per paused camera (it
     * reads the store's own accounting and the file systems' free space).
     */
    boolean hasRoom();

    /** Usage of every local volume, in configuration order. */
    List<VolumeUsage> usage();

    /**
     * The chunk as a local file; empty for a chunk on another tier. Does not check that the file exists. A server
     * that sends file ranges itself asks the opened chunk ({@link ReadableChunk#localPath()}) instead, which is
     * also empty where the file holds ciphertext.
     */
    Optional<Path> localPath(String location);

    /**
     * Completes the chunks a killed process left open, at start-up before any {@link #create}. Each is cut back to
     * its last complete fragment, hashed and published; one without a complete fragment is deleted. Nothing that
     * reached the disk up to the last complete fragment is lost.
     *
     * @param lastCompleteEnd given a partial chunk's bytes (borrowed; reader index 0, writer index at the file's
     *                        end), returns the offset just past its last complete fragment, or 0 if it has none;
     *                        the fMP4 module's {@code Mp4Structure.lastCompleteFragmentEnd}
     *                        (which returns the end of the init segment for a chunk that has no fragment yet: such
     *                        a chunk is published too, and the caller, which parses each recovered chunk for its
     *                        end time anyway, deletes it if it holds no media)
     * @return the recovered chunks, for the caller to index (their end times are in their bytes, not in the store)
     */
    List<ChunkInfo> recover(ToLongFunction<ByteBuf> lastCompleteEnd) throws IOException;

    /**
     * Like {@link #recover(ToLongFunction)}, but {@code repair} sees the bytes as stored, decides what is kept and
     * may re-write the end of the kept bytes (an encrypting store re-seals its last block through this).
     */
    List<ChunkInfo> recover(ChunkRepair repair) throws IOException;
}
