package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;

/**
 * Decides what recovery keeps of a partial chunk a killed process left, for stores whose bytes are not the video
 * itself (an encrypting store must cut the video inside a sealed block, so it re-seals the last block instead of
 * only truncating). {@link VolumeStore#recover(java.util.function.ToLongFunction)} is the special case that only
 * truncates and hashes the bytes as they are.
 */
@FunctionalInterface
public interface ChunkRepair {

    /**
     * @param key     the partial chunk's key
     * @param partial its bytes as stored (borrowed; reader index 0, writer index at the end)
     * @return what to keep, or {@link Repaired#DROP} to delete the chunk
     */
    Repaired repair(ChunkKey key, ByteBuf partial);

    /**
     * What recovery writes back: the stored bytes are cut at {@code keep}, after {@code rewrite} (when not null) has
     * replaced them from {@code rewriteAt} on.
     *
     * @param keep      stored bytes to keep; 0 drops the chunk
     * @param rewriteAt where {@code rewrite} goes (ignored when it is null); {@code rewriteAt + rewrite length}
     *                  must equal {@code keep}
     * @param rewrite   replacement bytes, or null; the store releases it
     * @param bytes     the chunk's size as its readers see it, for its {@link ChunkInfo}
     * @param sha256    SHA-256 of what its readers see, lower-case hex, for its {@link ChunkInfo}
     */
    record Repaired(long keep, long rewriteAt, ByteBuf rewrite, long bytes, String sha256) {
        public static final Repaired DROP = new Repaired(0, 0, null, 0, "");

        public Repaired {
            if (rewrite != null && rewriteAt + rewrite.readableBytes() != keep) {
                throw new IllegalArgumentException("rewrite of " + rewrite.readableBytes() + " bytes at " + rewriteAt
                        + " does not end at " + keep);
            }
        }
    }
}
