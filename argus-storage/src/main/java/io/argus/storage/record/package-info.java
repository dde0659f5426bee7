/**
 * The recorder: reads each camera's live stream and writes it as fragmented-MP4 chunks through the
 * {@link io.argus.storage.chunk.VolumeStore}, each closed chunk indexed in the {@link io.argus.storage.chunk.ChunkIndex}
 * with the per-camera hash chain.
 *
 * <p>A fragment is a GOP, or a part of at most {@link io.argus.storage.record.RecorderConfig#maxFragment()} when GOPs
 * are longer; each is written and synced before the next begins, so a {@code kill -9} or a power cut costs at most
 * the fragment in progress. Chunks are cut at the first keyframe after {@link io.argus.storage.record.RecorderConfig#chunkDuration()}
 * and each starts with its own init segment, so every chunk plays on its own.
 *
 * <p>Layer: argus-storage. The one storage package that may read the live hub ({@code io.argus.media.stream},
 * {@code io.argus.media.path}); it also imports the chunk contract, the codec layer (fMP4), Netty and SLF4J.
 * Playback never imports this package or the hub.
 */
package io.argus.storage.record;
