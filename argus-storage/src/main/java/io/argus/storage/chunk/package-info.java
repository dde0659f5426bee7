/**
 * Chunks: the unit of recorded video. A chunk is one fragmented-MP4 object of about a minute of one camera,
 * written fragment by fragment, each fragment synced within about a second (ARCHITECTURE.md §3).
 *
 * <ul>
 *   <li>{@link io.argus.storage.chunk.SegmentStore} keeps closed chunks on any tier: copies in, reads, deletes,
 *       listing. {@link io.argus.storage.chunk.VolumeStore} adds what only local volumes do: writers for new
 *       chunks, room and per-volume usage, and crash recovery of chunks a killed recorder left open.
 *       {@link io.argus.storage.chunk.LocalSegmentStore} is both, over data directories; {@code S3SegmentStore}
 *       is a {@code SegmentStore} only. Decorators extend {@link io.argus.storage.chunk.ForwardingSegmentStore} or
 *       {@link io.argus.storage.chunk.ForwardingVolumeStore}, which forward every method.</li>
 *   <li>{@link io.argus.storage.chunk.ChunkIndex} and {@link io.argus.storage.chunk.Bookmarks} are the index
 *       contract (rows per closed chunk with a per-camera hash chain, bookmarks that protect time windows);
 *       argus-metadata implements them over JDBC.</li>
 *   <li>{@link io.argus.storage.chunk.OpenChunks} are the chunks being recorded, as far as they are written
 *       ({@link io.argus.storage.chunk.ChunkWriter#written()}); {@link io.argus.storage.chunk.RecordedChunks} puts
 *       them beside the index's closed ones for playback and the timeline.</li>
 * </ul>
 *
 * <p>Layer: argus-storage. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util} (the package itself)
 * and SLF4J; no other Argus package. Recording and playback meet only here, at the store and index contract.
 */
package io.argus.storage.chunk;
