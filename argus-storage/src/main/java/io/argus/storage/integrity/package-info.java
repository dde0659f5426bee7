/**
 * Integrity of recordings: {@link io.argus.storage.integrity.ChainVerifier} re-reads chunks through the
 * {@link io.argus.storage.chunk.SegmentStore} (whatever tier holds them), re-hashes them and walks the chunk
 * index's per-camera hash chain, reporting missing, altered and reordered chunks.
 *
 * <p>Layer: argus-storage. May import the chunk contract, Netty's buffers, SLF4J and the JDK.
 */
package io.argus.storage.integrity;
