package io.argus.storage.crypto;

import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkRepair;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.ForwardingVolumeStore;
import io.argus.storage.chunk.Placement;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.VolumeStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Encryption at rest over a {@link VolumeStore} (here: over all the tiers, local volumes and object storage):
 * new chunks and copies to other tiers are written in the {@link ChunkCipher} format under the tenant's active data
 * key, and every chunk is read back as plaintext, by plaintext offsets, whether it was written encrypted or (before
 * encryption was turned on) not. What the store holds is unreadable without the master key and the metadata
 * database's wrapped data keys.
 *
 * <p>Sizes and SHA-256 hashes it reports are of the plaintext: the index's hash chain proves the video itself,
 * so it survives re-encryption, key rotation and moves between tiers, and an exported copy can be checked
 * against it without any key.
 *
 * <p>What it does not change is forwarded by its base: volume usage, room, listing, {@link #volumeOf}, the raw
 * {@link #recover(ChunkRepair)}, and {@link #localPath}, the stored file, which holds ciphertext for an encrypted
 * chunk (a server that sends file ranges itself must ask {@link ReadableChunk#localPath()}, empty for one).
 */
public final class EncryptedSegmentStore extends ForwardingVolumeStore {
    private final KeyRing keys;
    private final boolean encryptNew;
    /**
     * Block tables of recently opened chunks (closed chunks never change; a table also records the size it was
     * built for). Playback opens a chunk per request; this spares it a walk of the block prefixes each time.
     * A table of a minute-long chunk is a few kilobytes.
     */
    private final Map<String, BlockTable> tables = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BlockTable> eldest) {
            return size() > TABLES;
        }
    };
    private static final int TABLES = 1024;
    /** How much plaintext a copy reads at a time. */
    private static final int COPY_PIECE = 1 << 20;

    /** @param encryptNew whether new chunks are encrypted; existing ones are read either way */
    public EncryptedSegmentStore(VolumeStore inner, KeyRing keys, boolean encryptNew) {
        super(inner);
        this.keys = keys;
        this.encryptNew = encryptNew;
    }

    @Override
    public ChunkWriter create(ChunkKey key) throws IOException {
        ChunkWriter w = delegate.create(key);
        if (!encryptNew) {
            return w;
        }
        try {
            return new EncryptedChunkWriter(w, ChunkCipher.create(keys.active(key.tenant()), key));
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    /**
     * A copy for another tier (the mover's upload, a promotion): {@code source} is read as plaintext (a chunk opened
     * through this store) and stored as a recorded chunk would be, sealed afresh under the tenant's active data
     * key, so an object store only ever holds ciphertext. Its info is the plaintext's, like every chunk's here.
     */
    @Override
    public ChunkInfo put(ChunkKey key, Placement placement, ReadableChunk source) throws IOException {
        if (!encryptNew) {
            return delegate.put(key, placement, source);
        }
        SealedCopy sealed = new SealedCopy(key);
        try {
            ChunkWriter w = new EncryptedChunkWriter(sealed, ChunkCipher.create(keys.active(key.tenant()), key));
            for (long at = 0, size = source.size(); at < size; ) {
                int n = (int) Math.min(COPY_PIECE, size - at);
                ByteBuf piece = source.read(at, n, ByteBufAllocator.DEFAULT);
                try {
                    w.append(piece);
                } finally {
                    piece.release();
                }
                at += n;
            }
            ChunkInfo plain = w.finish();
            ChunkInfo stored = delegate.put(key, placement, sealed.readable());
            return new ChunkInfo(key, stored.volume(), stored.location(), plain.bytes(), plain.sha256());
        } finally {
            sealed.release();
        }
    }

    @Override
    public ReadableChunk open(String location) throws IOException {
        ReadableChunk r = delegate.open(location);
        try {
            if (r.size() < ChunkCipher.HEADER) {
                return r;
            }
            byte[] header = new byte[ChunkCipher.HEADER];
            ByteBuf h = r.read(0, ChunkCipher.HEADER, ByteBufAllocator.DEFAULT);
            try {
                h.getBytes(h.readerIndex(), header);
            } finally {
                h.release();
            }
            if (!ChunkCipher.isEncrypted(header)) {
                return r;
            }
            ChunkCipher cipher = ChunkCipher.open(header, keys, location);
            return new EncryptedReadableChunk(r, cipher, table(location, r), true);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** The chunk's block table, from the cache if it was built for the chunk at this size. */
    private BlockTable table(String location, ReadableChunk r) throws IOException {
        BlockTable t;
        synchronized (tables) {
            t = tables.get(location);
        }
        if (t == null || t.stored() != r.size()) {
            t = BlockTable.read(r);
            synchronized (tables) {
                tables.put(location, t);
            }
        }
        return t;
    }

    @Override
    public boolean delete(String location) throws IOException {
        synchronized (tables) {
            tables.remove(location);
        }
        return delegate.delete(location);
    }

    /**
     * Recovers partial chunks of both kinds. An encrypted one is decrypted block by block up to the first that
     * does not authenticate (a torn last write fails here), cut at its last complete fragment, and the block
     * holding that cut is sealed again as the chunk's last block (under the "last" nonce, which that block
     * never had: it was not the last when it was written).
     */
    @Override
    public List<ChunkInfo> recover(ToLongFunction<ByteBuf> lastCompleteEnd) throws IOException {
        return delegate.recover((key, stored) -> repair(key, stored, lastCompleteEnd));
    }

    private ChunkRepair.Repaired repair(ChunkKey key, ByteBuf stored, ToLongFunction<ByteBuf> lastCompleteEnd) {
        byte[] header = new byte[Math.min(ChunkCipher.HEADER, stored.readableBytes())];
        stored.getBytes(stored.readerIndex(), header);
        if (!ChunkCipher.isEncrypted(header)) {
            long end = Math.max(0, Math.min(lastCompleteEnd.applyAsLong(stored), stored.readableBytes()));
            return end == 0 ? ChunkRepair.Repaired.DROP
                    : new ChunkRepair.Repaired(end, 0, null, end, sha256(stored, end));
        }
        if (header.length < ChunkCipher.HEADER) {
            return ChunkRepair.Repaired.DROP;
        }
        ChunkCipher cipher;
        try {
            cipher = ChunkCipher.open(header, keys, key.toString());
        } catch (ChunkIntegrityException e) {
            throw new IllegalStateException("partial chunk " + key + ": " + e.getMessage(), e);
        }
        ByteBuf plain = Unpooled.directBuffer(stored.readableBytes());
        try {
            List<long[]> blocks = new java.util.ArrayList<>();
            boolean lastSealedFinal = false;
            int size = stored.readableBytes();
            int pos = ChunkCipher.HEADER;
            for (long b = 0; pos + ChunkCipher.PREFIX + ChunkCipher.TAG <= size && !lastSealedFinal; b++) {
                int len = stored.getInt(stored.readerIndex() + pos);
                if (len < 0 || len > ChunkCipher.BLOCK || pos + ChunkCipher.PREFIX + len + ChunkCipher.TAG > size) {
                    break;
                }
                byte[] sealed = new byte[len + ChunkCipher.TAG];
                stored.getBytes(stored.readerIndex() + pos + ChunkCipher.PREFIX, sealed);
                byte[] p = tryOpen(cipher, b, false, sealed);
                if (p == null) {
                    p = tryOpen(cipher, b, true, sealed);
                    lastSealedFinal = p != null;
                }
                if (p == null) {
                    break;
                }
                blocks.add(new long[] {pos, plain.writerIndex()});
                plain.writeBytes(p);
                pos += ChunkCipher.PREFIX + len + ChunkCipher.TAG;
            }
            long end = Math.max(0, Math.min(lastCompleteEnd.applyAsLong(plain), plain.readableBytes()));
            if (end == 0) {
                return ChunkRepair.Repaired.DROP;
            }
            String hash = sha256(plain, end);
            if (end == plain.readableBytes() && lastSealedFinal) {
                return new ChunkRepair.Repaired(pos, 0, null, end, hash);
            }
            // The block holding the cut (the first block whose plaintext reaches it) is sealed again as the last.
            int last = 0;
            while (last + 1 < blocks.size() && blocks.get(last + 1)[1] < end) {
                last++;
            }
            long rewriteAt = blocks.get(last)[0];
            int inLast = (int) (end - blocks.get(last)[1]);
            byte[] tail = new byte[inLast];
            plain.getBytes((int) blocks.get(last)[1], tail);
            byte[] sealed = cipher.seal(last, true, tail, 0, inLast);
            ByteBuf rewrite = Unpooled.buffer(ChunkCipher.PREFIX + sealed.length).writeInt(inLast).writeBytes(sealed);
            return new ChunkRepair.Repaired(rewriteAt + rewrite.readableBytes(), rewriteAt, rewrite, end, hash);
        } finally {
            plain.release();
        }
    }

    /** A block's plaintext, or null if it does not open as that block. */
    private static byte[] tryOpen(ChunkCipher cipher, long b, boolean last, byte[] sealed) {
        try {
            return cipher.open(b, last, sealed, 0, sealed.length, "recovery");
        } catch (ChunkIntegrityException e) {
            return null;
        }
    }

    private static String sha256(ByteBuf bytes, long end) {
        MessageDigest d = Sha256.digest();
        d.update(bytes.nioBuffer(bytes.readerIndex(), (int) end));
        return HexFormat.of().formatHex(d.digest());
    }
}
