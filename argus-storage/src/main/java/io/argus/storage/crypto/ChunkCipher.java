package io.argus.storage.crypto;

import io.argus.storage.chunk.ChunkKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encrypted chunk format, version 1:
 *
 * <pre>
 *   header (128 bytes, clear): magic 89 'ARGENC' 0A | version u8 = 1 | 3 zero bytes | max block u32 |
 *                              data key id (16) | tenant (16) | camera (16) | start epoch millis u64 |
 *                              chunk salt (32 random bytes) | zero padding
 *   block i (i = 0, 1 …):      plaintext length n u32 (0..B, clear) | AES-256-GCM ciphertext (n) | tag (16)
 *   the last block is sealed with the "last" flag (it may be empty): a chunk cut after any block shows
 * </pre>
 *
 * Each chunk has its own AES key, HKDF-SHA256 (RFC 5869) of the tenant's data key with the chunk's random salt and
 * its identity (tenant, camera, start) as info; so the 96-bit nonce can be the block number (8 bytes) after a
 * 4-byte "last block" flag, unique within that key without any random nonce. The additional data of each block
 * is the header, the block number and the flag: a block cannot be moved to another place or chunk, a header
 * cannot be altered, and a chunk cut at a block boundary fails at its new last block (sealed as not last).
 *
 * <p>Blocks are at most B = 64 KiB, and a fragment's last block is short: every append seals what it is given,
 * so what a crash can lose is what it loses without encryption (the fragment in progress). A reader finds the
 * blocks by their length prefixes ({@link BlockTable}, one small read per block, cached per chunk) and a range
 * read decrypts only the blocks it touches; plaintext offsets stay the coordinates of every reader. Instances
 * are not thread-safe for sealing (one writer); opening creates a cipher per call.
 */
final class ChunkCipher {
    static final byte[] MAGIC = {(byte) 0x89, 'A', 'R', 'G', 'E', 'N', 'C', '\n'};
    static final int VERSION = 1;
    static final int HEADER = 128;
    /**
     * Most plaintext per block: a range read decrypts at most twice this beyond what it asked for, and a chunk
     * of a minute at 4 Mbit/s has about 500 blocks to index; the 20 bytes of length and tag cost 0.03 %.
     */
    static final int BLOCK = 64 * 1024;
    static final int TAG = 16;
    /** The length prefix of a block. */
    static final int PREFIX = 4;
    private static final byte[] HKDF_INFO = "argus chunk v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] header;
    private final UUID keyId;
    private final ChunkKey chunk;
    private final SecretKey chunkKey;
    private Cipher sealer;

    private ChunkCipher(byte[] header, UUID keyId, ChunkKey chunk, SecretKey dataKey) {
        this.header = header;
        this.keyId = keyId;
        this.chunk = chunk;
        this.chunkKey = derive(dataKey, Arrays.copyOfRange(header, 72, 104), chunk);
    }

    /** A new chunk's cipher, with a fresh salt. */
    static ChunkCipher create(DataKey key, ChunkKey chunk) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        h.put(MAGIC).put((byte) VERSION).put(new byte[3]).putInt(BLOCK);
        putUuid(h, key.id());
        putUuid(h, chunk.tenant());
        putUuid(h, chunk.camera());
        h.putLong(chunk.start().toEpochMilli()).put(salt);
        return new ChunkCipher(h.array(), key.id(), chunk, key.key());
    }

    /** True if these bytes (at least the magic's length) begin an encrypted chunk. */
    static boolean isEncrypted(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The data key id a header names. */
    static UUID keyId(byte[] header) {
        return uuid(ByteBuffer.wrap(header, 16, 16));
    }

    /**
     * The cipher of an existing chunk from its header.
     *
     * @throws ChunkIntegrityException if the header is not one this version writes
     */
    static ChunkCipher open(byte[] header, KeyRing keys, String where) throws ChunkIntegrityException {
        if (header.length != HEADER || !isEncrypted(header)) {
            throw new ChunkIntegrityException(where + ": not an encrypted chunk header");
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        h.position(MAGIC.length);
        int version = h.get() & 0xff;
        h.position(12);
        int block = h.getInt();
        if (version != VERSION || block != BLOCK) {
            throw new ChunkIntegrityException(where + ": encrypted chunk format " + version + " with " + block
                    + "-byte blocks, this version reads format " + VERSION + " with " + BLOCK);
        }
        UUID keyId = uuid(h);
        ChunkKey chunk = new ChunkKey(uuid(h), uuid(h), Instant.ofEpochMilli(h.getLong()));
        DataKey key = keys.key(keyId);
        if (!key.tenant().equals(chunk.tenant())) {
            throw new ChunkIntegrityException(where + ": data key " + keyId + " is not tenant " + chunk.tenant()
                    + "'s");
        }
        return new ChunkCipher(header.clone(), keyId, chunk, key.key());
    }

    byte[] header() {
        return header.clone();
    }

    UUID keyId() {
        return keyId;
    }

    ChunkKey chunk() {
        return chunk;
    }

    /** Seals plaintext block {@code index}; returns ciphertext and tag. */
    byte[] seal(long index, boolean last, byte[] plain, int offset, int length) {
        try {
            if (sealer == null) {
                sealer = Cipher.getInstance("AES/GCM/NoPadding");
            }
            sealer.init(Cipher.ENCRYPT_MODE, chunkKey, new GCMParameterSpec(TAG * 8, nonce(index, last)));
            sealer.updateAAD(aad(index, last));
            return sealer.doFinal(plain, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    /**
     * Opens sealed block {@code index}.
     *
     * @return its plaintext
     * @throws ChunkIntegrityException if it does not authenticate as that block of this chunk
     */
    byte[] open(long index, boolean last, byte[] sealed, int offset, int length, String where)
            throws ChunkIntegrityException {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, chunkKey, new GCMParameterSpec(TAG * 8, nonce(index, last)));
            c.updateAAD(aad(index, last));
            return c.doFinal(sealed, offset, length);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new ChunkIntegrityException(where + ": block " + index + (last ? " (last)" : "")
                    + " fails authentication: altered, truncated, or not this chunk's");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    private static byte[] nonce(long index, boolean last) {
        return ByteBuffer.allocate(12).putInt(last ? 1 : 0).putLong(index).array();
    }

    private byte[] aad(long index, boolean last) {
        return ByteBuffer.allocate(HEADER + 9).put(header).putLong(index).put((byte) (last ? 1 : 0)).array();
    }

    private static SecretKey derive(SecretKey dataKey, byte[] salt, ChunkKey chunk) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(dataKey.getEncoded());
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            ByteBuffer info = ByteBuffer.allocate(HKDF_INFO.length + 40 + 1).put(HKDF_INFO);
            putUuid(info, chunk.tenant());
            putUuid(info, chunk.camera());
            info.putLong(chunk.start().toEpochMilli()).put((byte) 1);
            return new SecretKeySpec(mac.doFinal(info.array()), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is in every JDK", e);
        }
    }

    private static void putUuid(ByteBuffer b, UUID u) {
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    }

    private static UUID uuid(ByteBuffer b) {
        return new UUID(b.getLong(), b.getLong());
    }
}
