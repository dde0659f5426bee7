package io.argus.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkPrefix;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.VolumeStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedSegmentStoreTest {
    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID CAMERA = UUID.fromString("6f1c1c8e-2b3a-4c55-9f0e-0a1b2c3d4e5f");
    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05.678Z");

    @TempDir
    Path dir;

    private final MemoryDataKeyStore keyStore = new MemoryDataKeyStore();
    private final LocalKeyEncryptionKey master = LocalKeyEncryptionKey.generate();

    private KeyRing ring(KeyEncryptionKey m) {
        return new KeyRing(keyStore, m, List.of(), Clock.systemUTC());
    }

    private VolumeStore store(KeyRing keys, boolean encrypt) throws Exception {
        return new EncryptedSegmentStore(LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir, 1L << 40,
                0))), keys, encrypt);
    }

    /** Fragments of random sizes (some over a block, some tiny) with a marker the raw file must not show. */
    private static List<byte[]> fragments(int count, long seed) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] f = new byte[1 + r.nextInt(i % 3 == 0 ? 70_000 : 3_000)];
            r.nextBytes(f);
            byte[] marker = "ARGUS-PLAINTEXT-MARKER".getBytes();
            System.arraycopy(marker, 0, f, 0, Math.min(marker.length, f.length));
            out.add(f);
        }
        return out;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        parts.forEach(b::writeBytes);
        return b.toByteArray();
    }

    private static ChunkWriter append(VolumeStore s, ChunkKey key, List<byte[]> fragments) throws Exception {
        ChunkWriter w = s.create(key);
        for (byte[] f : fragments) {
            w.append(Unpooled.wrappedBuffer(f));
            w.sync();
        }
        return w;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static byte[] readAll(VolumeStore s, String location) throws Exception {
        try (ReadableChunk c = s.open(location)) {
            ByteBuf b = c.read(0, (int) c.size(), ByteBufAllocator.DEFAULT);
            try {
                byte[] out = new byte[b.readableBytes()];
                b.readBytes(out);
                return out;
            } finally {
                b.release();
            }
        }
    }

    @Test
    void encryptedChunkReadsBackByAnyRangeAndIsUnreadableRaw() throws Exception {
        VolumeStore s = store(ring(master), true);
        List<byte[]> frags = fragments(40, 1);
        byte[] plain = concat(frags);
        ChunkInfo info = append(s, new ChunkKey(TENANT, CAMERA, T0), frags).close();

        assertThat(info.bytes()).isEqualTo(plain.length);
        assertThat(info.sha256()).as("the index holds the plaintext's hash").isEqualTo(sha256(plain));
        byte[] raw = Files.readAllBytes(dir.resolve(info.location().substring(3)));
        assertThat(indexOf(raw, "ARGUS-PLAINTEXT-MARKER".getBytes())).as("no plaintext in the stored object")
                .isEqualTo(-1);
        long blocks = blockOffsets(raw).size();
        assertThat(raw.length).isEqualTo(ChunkCipher.HEADER + plain.length
                + (ChunkCipher.PREFIX + ChunkCipher.TAG) * blocks);
        assertThat(blocks).as("a block per fragment (40), more for those over 64 KiB, and the last")
                .isBetween(42L, 90L);
        assertThat(indexOf(raw, Arrays.copyOfRange(plain, 1000, 1032))).isEqualTo(-1);

        Random r = new Random(7);
        try (ReadableChunk c = s.open(info.location())) {
            assertThat(c.size()).isEqualTo(plain.length);
            assertThat(c.localPath()).as("no server may send the encrypted file as video").isEmpty();
            for (int i = 0; i < 200; i++) {
                int off = r.nextInt(plain.length);
                int len = r.nextInt(Math.min(plain.length - off, 100_000) + 1);
                ByteBuf b = c.read(off, len, ByteBufAllocator.DEFAULT);
                byte[] got = new byte[len];
                b.readBytes(got);
                b.release();
                assertThat(got).isEqualTo(Arrays.copyOfRange(plain, off, off + len));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long sent = c.transferTo(ChunkCipher.BLOCK - 5, 40_000, Channels.newChannel(out));
            assertThat(sent).isEqualTo(40_000);
            assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(plain, ChunkCipher.BLOCK - 5,
                    ChunkCipher.BLOCK - 5 + 40_000));
            assertThatThrownBy(() -> c.read(plain.length - 10, 11, ByteBufAllocator.DEFAULT))
                    .isInstanceOf(java.io.EOFException.class);
        }
    }

    /**
     * A chunk being recorded is read as plaintext up to its last fragment: each fragment is sealed on its own as it
     * is appended (none as the last block, which is sealed when the chunk finishes), so the written part opens.
     */
    @Test
    void theWrittenPartOfAnEncryptedChunkReadsAsPlaintext() throws Exception {
        VolumeStore s = store(ring(master), true);
        List<byte[]> frags = fragments(12, 3);
        ChunkWriter w = append(s, new ChunkKey(TENANT, CAMERA, T0), frags.subList(0, 8));
        byte[] first = concat(frags.subList(0, 8));
        ChunkPrefix part = w.written();
        for (byte[] f : frags.subList(8, 12)) {
            w.append(Unpooled.wrappedBuffer(f));
        }

        assertThat(part.info().bytes()).isEqualTo(first.length);
        assertThat(part.info().sha256()).as("the plaintext's hash, as the index will hold").isEqualTo(sha256(first));
        try (ReadableChunk r = part.open()) {
            assertThat(r.size()).isEqualTo(first.length);
            assertThat(r.localPath()).as("never the encrypted file").isEmpty();
            assertThat(readAll(r)).isEqualTo(first);
        }
        ChunkInfo closed = w.close();
        try (ReadableChunk r = part.open()) {
            assertThat(readAll(r)).as("after the chunk is finished and closed").isEqualTo(first);
        }
        assertThat(readAll(s, closed.location())).isEqualTo(concat(frags));
    }

    private static byte[] readAll(ReadableChunk c) throws Exception {
        ByteBuf b = c.read(0, (int) c.size(), ByteBufAllocator.DEFAULT);
        try {
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }

    @Test
    void flippedByteTruncationAndOtherKeysAreCaught() throws Exception {
        VolumeStore s = store(ring(master), true);
        ChunkInfo info = append(s, new ChunkKey(TENANT, CAMERA, T0), fragments(10, 2)).close();
        Path file = dir.resolve(info.location().substring(3));
        byte[] raw = Files.readAllBytes(file);

        List<Integer> blocks = blockOffsets(raw);
        byte[] flipped = raw.clone();
        flipped[blocks.get(1) + ChunkCipher.PREFIX + 1] ^= 1;
        Files.write(file, flipped);
        assertThatThrownBy(() -> readAll(s, info.location())).isInstanceOf(ChunkIntegrityException.class)
                .hasMessageContaining("block 1 fails authentication");

        Files.write(file, Arrays.copyOf(raw, blocks.get(3)));
        assertThatThrownBy(() -> readAll(s, info.location())).as("cut at a block boundary")
                .isInstanceOf(ChunkIntegrityException.class).hasMessageContaining("(last)");

        Files.write(file, raw);
        assertThat(sha256(readAll(s, info.location()))).isEqualTo(info.sha256());
        VolumeStore stranger = new EncryptedSegmentStore(LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0",
                dir, 1L << 40, 0))), new KeyRing(new MemoryDataKeyStore(), LocalKeyEncryptionKey.generate(),
                List.of(), Clock.systemUTC()), true);
        assertThatThrownBy(() -> readAll(stranger, info.location())).isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void plaintextChunksFromBeforeEncryptionStillRead() throws Exception {
        KeyRing keys = ring(master);
        List<byte[]> frags = fragments(5, 3);
        ChunkInfo plainInfo = append(store(keys, false), new ChunkKey(TENANT, CAMERA, T0), frags).close();
        VolumeStore s = store(keys, true);
        ChunkInfo encInfo = append(s, new ChunkKey(TENANT, CAMERA, T0.plusSeconds(60)), frags).close();
        assertThat(readAll(s, plainInfo.location())).isEqualTo(concat(frags));
        assertThat(readAll(s, encInfo.location())).isEqualTo(concat(frags));
        assertThat(plainInfo.sha256()).isEqualTo(encInfo.sha256());
        assertThat(s.open(plainInfo.location()).localPath()).isPresent();
    }

    @Test
    void masterRotationRewrapsDataKeysAndOldChunksStillRead() throws Exception {
        KeyRing keys = ring(master);
        ChunkInfo first = append(store(keys, true), new ChunkKey(TENANT, CAMERA, T0), fragments(5, 4)).close();
        DataKey before = keys.active(TENANT);
        LocalKeyEncryptionKey next = LocalKeyEncryptionKey.generate();
        assertThat(keys.rotateMaster(next)).isEqualTo(1);
        byte[] raw = Files.readAllBytes(dir.resolve(first.location().substring(3)));

        VolumeStore withNext = store(ring(next), true);
        assertThat(sha256(readAll(withNext, first.location()))).isEqualTo(first.sha256());
        assertThat(Files.readAllBytes(dir.resolve(first.location().substring(3)))).as("video untouched")
                .isEqualTo(raw);
        assertThatThrownBy(() -> readAll(store(ring(master), true), first.location()))
                .as("the old master key no longer unwraps").isInstanceOf(KeyUnavailableException.class);

        KeyRing r2 = ring(next);
        DataKey newer = r2.rotateData(TENANT);
        assertThat(newer.id()).isNotEqualTo(before.id());
        VolumeStore s2 = store(r2, true);
        ChunkInfo second = append(s2, new ChunkKey(TENANT, CAMERA, T0.plusSeconds(60)), fragments(5, 5)).close();
        assertThat(ChunkCipher.keyId(Arrays.copyOf(Files.readAllBytes(dir.resolve(second.location().substring(3))),
                ChunkCipher.HEADER))).isEqualTo(newer.id());
        assertThat(sha256(readAll(s2, first.location()))).isEqualTo(first.sha256());
        assertThat(sha256(readAll(s2, second.location()))).isEqualTo(second.sha256());
    }

    private static long lastEnd(long[] ends, long available) {
        long best = 0;
        for (long e : ends) {
            best = e <= available ? e : best;
        }
        return best;
    }

    private static long[] ends(List<byte[]> frags) {
        long[] ends = new long[frags.size()];
        long sum = 0;
        for (int i = 0; i < frags.size(); i++) {
            sum += frags.get(i).length;
            ends[i] = sum;
        }
        return ends;
    }

    @Test
    void recoveryKeepsEveryAppendedFragment() throws Exception {
        KeyRing keys = ring(master);
        List<byte[]> frags = fragments(30, 6);
        long[] ends = ends(frags);
        ChunkWriter w = append(store(keys, true), new ChunkKey(TENANT, CAMERA, T0), frags);
        // Killed here, every fragment appended, the chunk never finished.
        List<ChunkInfo> recovered = store(keys, true).recover(b -> lastEnd(ends, b.writerIndex()));
        assertThat(recovered).hasSize(1);
        ChunkInfo info = recovered.get(0);
        byte[] all = concat(frags);
        assertThat(info.bytes()).as("nothing appended is lost").isEqualTo(all.length);
        assertThat(info.sha256()).isEqualTo(sha256(all));
        assertThat(readAll(store(keys, true), info.location())).isEqualTo(all);
        w.abort();
    }

    @Test
    void recoveryCutsInsideASealedBlockAndSealsTheCutAsLast() throws Exception {
        KeyRing keys = ring(master);
        List<byte[]> frags = new ArrayList<>(fragments(12, 7));
        byte[] small = new byte[3000];
        byte[] big = new byte[200_000];
        new Random(8).nextBytes(small);
        new Random(9).nextBytes(big);
        frags.add(small);
        frags.add(big);
        long[] ends = ends(frags);
        VolumeStore s = store(keys, true);
        ChunkKey key = new ChunkKey(TENANT, CAMERA, T0);
        ChunkWriter w = append(s, key, frags.subList(0, 12));
        // Two fragments handed over in one append (so a block holds the end of the first), and the write torn
        // in the second block by the kill: the cut is inside a sealed block.
        byte[] both = concat(List.of(small, big));
        w.append(Unpooled.wrappedBuffer(both));
        Path part;
        try (var files = Files.walk(dir)) {
            part = files.filter(f -> f.toString().endsWith(".part")).findFirst().orElseThrow();
        }
        try (var ch = java.nio.channels.FileChannel.open(part, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 100_000);
        }
        List<ChunkInfo> recovered = store(keys, true).recover(b -> lastEnd(ends, b.writerIndex()));
        assertThat(recovered).hasSize(1);
        byte[] expected = concat(frags.subList(0, 13));
        ChunkInfo info = recovered.get(0);
        assertThat(info.bytes()).isEqualTo(expected.length);
        assertThat(info.sha256()).isEqualTo(sha256(expected));
        assertThat(readAll(store(keys, true), info.location())).as("decrypts, its cut block sealed as the last")
                .isEqualTo(expected);
        w.abort();
    }

    /** Stored offsets of the blocks, by their length prefixes. */
    private static List<Integer> blockOffsets(byte[] raw) {
        List<Integer> out = new ArrayList<>();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw);
        for (int pos = ChunkCipher.HEADER; pos < raw.length; pos += ChunkCipher.PREFIX + b.getInt(pos)
                + ChunkCipher.TAG) {
            out.add(pos);
        }
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
