/**
 * Playback of recorded video, served from the chunk index and the chunk store alone (with the chunks being recorded,
 * as far as they are written, which the recorder publishes through the chunk contract's
 * {@link io.argus.storage.chunk.OpenChunks}): the fragment map of a chunk
 * read with ranged reads ({@link io.argus.storage.playback.ChunkFragments}), HLS VOD/EVENT playlists of byte ranges
 * into chunks ({@link io.argus.storage.playback.PlaybackPlaylist}) and progressive fragmented-MP4 export of a time
 * range whose payload goes from the store to the output without a heap copy
 * ({@link io.argus.storage.playback.Mp4Export}); {@link io.argus.storage.playback.Playback} puts them together for
 * a server.
 *
 * <p>Layer: argus-storage. May import {@code io.argus.storage.chunk} (the store and index contract), the fMP4
 * and m3u8 format packages {@code io.argus.media.codec.format.fmp4} and {@code io.argus.media.codec.format.m3u8},
 * Netty's buffers, SLF4J and the JDK. Never the live stream hub {@code io.argus.media.stream} nor the recorder:
 * recording and playback meet only at the chunk store and index contract.
 */
package io.argus.storage.playback;
