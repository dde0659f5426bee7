/**
 * Encryption at rest: the key hierarchy (a master key, the {@link io.argus.storage.crypto.KeyEncryptionKey}, wraps
 * one or more data keys per tenant, kept wrapped in the metadata database through a
 * {@link io.argus.storage.crypto.DataKeyStore}), the block format of encrypted chunks
 * ({@link io.argus.storage.crypto.ChunkCipher}), the {@link io.argus.storage.crypto.EncryptedSegmentStore} that
 * wraps any {@link io.argus.storage.chunk.SegmentStore}, and {@link io.argus.storage.crypto.SecretBox} for short
 * secrets in database columns (camera passwords).
 *
 * <p>Layer: argus-storage. May import the JDK (javax.crypto), the chunk contract, Netty's buffers and SLF4J.
 */
package io.argus.storage.crypto;
