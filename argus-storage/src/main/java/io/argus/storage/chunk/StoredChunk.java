package io.argus.storage.chunk;

/**
 * A closed chunk found by listing the store (no hash: listing reads no content). Used to find files that have
 * no index row.
 */
public record StoredChunk(ChunkKey key, String volume, String location, long bytes) {
}
