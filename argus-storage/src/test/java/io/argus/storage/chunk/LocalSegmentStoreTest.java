package io.argus.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSegmentStoreTest {
    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID CAMERA = UUID.fromString("6f1c1c8e-2b3a-4c55-9f0e-0a1b2c3d4e5f");
    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05.678Z");
    private static final long BIG = 1L << 40;
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    @TempDir
    Path dir;

    private LocalSegmentStore store(long maxBytes) throws Exception {
        return LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir.resolve("v0"), maxBytes, 0)));
    }

    private static ChunkKey key(Instant start) {
        return new ChunkKey(TENANT, CAMERA, start);
    }

    /** Writes init + {@code fragments} fragments and closes; returns the info and the bytes written. */
    private static ChunkInfo write(VolumeStore store, ChunkKey key, int fragments, int payload,
                                   ByteArrayOutputStream copy) throws Exception {
        ChunkWriter w = store.create(key);
        ByteBuf init = FakeFmp4.init(ALLOC);
        appendAndRelease(w, init, copy);
        for (int n = 0; n < fragments; n++) {
            appendAndRelease(w, FakeFmp4.fragment(ALLOC, n, payload), copy);
            w.sync();
        }
        return w.close();
    }

    private static void appendAndRelease(ChunkWriter w, ByteBuf b, ByteArrayOutputStream copy) throws Exception {
        int readerIndex = b.readerIndex();
        w.append(b);
        assertThat(b.readerIndex()).as("append borrows: reader index unchanged").isEqualTo(readerIndex);
        assertThat(b.refCnt()).as("append borrows: reference count unchanged").isEqualTo(1);
        if (copy != null) {
            copy.write(ByteBufUtil.getBytes(b));
        }
        assertThat(b.release()).isTrue();
    }

    private static List<StoredChunk> chunks(SegmentStore store) throws Exception {
        List<StoredChunk> out = new ArrayList<>();
        store.forEachChunk(out::add);
        return out;
    }

    @Test
    void writesThePartFileThenPublishesItUnderTheLayoutWithItsHash() throws Exception {
        try (LocalSegmentStore store = store(BIG)) {
            ChunkWriter w = store.create(key(T0));
            String expectedLocation = "v0/" + TENANT + "/" + CAMERA + "/2025/01/02/" + T0.toEpochMilli() + ".mp4";
            Path file = dir.resolve("v0").resolve(TENANT.toString()).resolve(CAMERA.toString())
                    .resolve("2025").resolve("01").resolve("02").resolve(T0.toEpochMilli() + ".mp4");
            Path part = file.resolveSibling(file.getFileName() + ".part");

            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            appendAndRelease(w, FakeFmp4.init(ALLOC), copy);
            appendAndRelease(w, FakeFmp4.fragment(ALLOC, 0, 1000), copy);
            w.sync();
            assertThat(part).exists().hasSize(copy.size());
            assertThat(file).doesNotExist();
            assertThat(chunks(store)).as("open chunks are not listed").isEmpty();

            ChunkInfo finished = w.finish();
            assertThat(file).as("finish does not publish").doesNotExist();
            ChunkInfo info = w.close();
            assertThat(info).isEqualTo(finished);
            assertThat(w.close()).as("close is idempotent").isEqualTo(info);
            assertThat(info.location()).isEqualTo(expectedLocation);
            assertThat(info.volume()).isEqualTo("v0");
            assertThat(info.bytes()).isEqualTo(copy.size());
            assertThat(info.sha256()).isEqualTo(SegmentStoreKillTest.sha256(copy.toByteArray()));
            assertThat(part).doesNotExist();
            assertThat(Files.readAllBytes(file)).isEqualTo(copy.toByteArray());
            assertThat(store.localPath(info.location())).contains(file);
            assertThat(store.volumeOf(info.location())).isEqualTo("v0");
            assertThat(store.usage().get(0).usedBytes()).isEqualTo(copy.size());
            assertThat(chunks(store)).containsExactly(
                    new StoredChunk(key(T0), "v0", expectedLocation, copy.size()));
            assertThatThrownBy(() -> w.append(Unpooled.EMPTY_BUFFER))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    /** Reads a whole readable chunk. */
    private static byte[] readAll(ReadableChunk c) throws Exception {
        ByteBuf b = c.read(0, (int) c.size(), ALLOC);
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void theWrittenPartReadsWhileTheChunkGrowsAndAfterItCloses() throws Exception {
        try (LocalSegmentStore store = store(BIG)) {
            ChunkWriter w = store.create(key(T0));
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            appendAndRelease(w, FakeFmp4.init(ALLOC), copy);
            appendAndRelease(w, FakeFmp4.fragment(ALLOC, 0, 1000), copy);
            byte[] first = copy.toByteArray();
            ChunkPrefix part = w.written();
            appendAndRelease(w, FakeFmp4.fragment(ALLOC, 1, 3000), copy);

            assertThat(part.info().bytes()).isEqualTo(first.length);
            assertThat(part.info().sha256()).as("the hash of the part, as recovery would give it")
                    .isEqualTo(SegmentStoreKillTest.sha256(first));
            assertThat(part.info().location()).isEqualTo("v0/" + TENANT + "/" + CAMERA + "/2025/01/02/"
                    + T0.toEpochMilli() + ".mp4");
            try (ReadableChunk r = part.open()) {
                assertThat(r.size()).as("the part, not the file as it is now").isEqualTo(first.length);
                assertThat(readAll(r)).isEqualTo(first);
                assertThatThrownBy(() -> r.read(first.length - 1, 2, ALLOC)).isInstanceOf(EOFException.class);
            }
            ChunkPrefix whole = w.written();
            try (ReadableChunk before = part.open()) {
                w.close();
                assertThat(readAll(before)).as("a part open across the rename").isEqualTo(first);
            }
            try (ReadableChunk after = part.open(); ReadableChunk all = whole.open()) {
                assertThat(readAll(after)).as("a part opened after the rename reads the closed chunk")
                        .isEqualTo(first);
                assertThat(readAll(all)).isEqualTo(copy.toByteArray());
            }

            ChunkWriter aborted = store.create(key(T0.plusSeconds(60)));
            appendAndRelease(aborted, FakeFmp4.init(ALLOC), null);
            ChunkPrefix gone = aborted.written();
            aborted.abort();
            assertThatThrownBy(gone::open).isInstanceOf(java.nio.file.NoSuchFileException.class);
        }
    }

    @Test
    void rangedReadsIntoBuffersAndStraightToAChannel() throws Exception {
        try (LocalSegmentStore store = store(BIG)) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            ChunkInfo info = write(store, key(T0), 3, 5000, copy);
            byte[] all = copy.toByteArray();

            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            try (ReadableChunk chunk = store.open(info.location())) {
                ByteBuf range = chunk.read(100, 7000, ALLOC);
                try {
                    assertThat(ByteBufUtil.getBytes(range)).isEqualTo(Arrays.copyOfRange(all, 100, 7100));
                } finally {
                    range.release();
                }
                assertThat(chunk.transferTo(50, all.length - 50, Channels.newChannel(sent)))
                        .isEqualTo(all.length - 50);
                assertThat(sent.toByteArray()).isEqualTo(Arrays.copyOfRange(all, 50, all.length));

                assertThat(chunk.size()).isEqualTo(all.length);
                assertThat(chunk.localPath()).isEqualTo(store.localPath(info.location()));
                assertThatThrownBy(() -> chunk.read(all.length - 10, 11, ALLOC)).isInstanceOf(EOFException.class);
                assertThatThrownBy(() -> chunk.transferTo(-1, 5, Channels.newChannel(sent)))
                        .isInstanceOf(EOFException.class);
            }
        }
    }

    @Test
    void appendCopiesNothingIntoTheHeap() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int payload = 8 << 20;
        try (LocalSegmentStore store = store(BIG)) {
            ChunkWriter w = store.create(key(T0));
            ByteBuf warmUp = FakeFmp4.fragment(ALLOC, 0, 4096);
            w.append(warmUp);
            warmUp.release();
            ByteBuf f = FakeFmp4.fragment(ALLOC, 1, payload);
            long before = threads.getCurrentThreadAllocatedBytes();
            w.append(f);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            f.release();
            w.abort();
            assertThat(allocated).as("heap bytes allocated appending an %d-byte direct fragment", payload)
                    .isLessThan(64 * 1024);
        }
    }

    @Test
    void abortDropsTheChunkAndItsUsage() throws Exception {
        try (LocalSegmentStore store = store(BIG)) {
            ChunkWriter w = store.create(key(T0));
            appendAndRelease(w, FakeFmp4.fragment(ALLOC, 0, 1000), null);
            assertThat(store.usage().get(0).usedBytes()).isEqualTo(FakeFmp4.fragmentSize(1000));
            w.abort();
            w.abort();
            assertThat(store.usage().get(0).usedBytes()).isZero();
            assertThat(store.recover(FakeFmp4::lastCompleteFragmentEnd)).isEmpty();
            assertThatThrownBy(w::close).isInstanceOf(IllegalStateException.class);
            assertThat(store.create(key(T0)).close().bytes()).as("an empty chunk is dropped, not published")
                    .isZero();
            assertThat(chunks(store)).isEmpty();
        }
    }

    @Test
    void aSecondChunkWithTheSameKeyIsRefused() throws Exception {
        try (LocalSegmentStore store = store(BIG)) {
            write(store, key(T0), 1, 10, null);
            assertThatThrownBy(() -> store.create(key(T0))).isInstanceOf(FileAlreadyExistsException.class);
            ChunkWriter open = store.create(key(T0.plusSeconds(60)));
            assertThatThrownBy(() -> store.create(key(T0.plusSeconds(60))))
                    .isInstanceOf(FileAlreadyExistsException.class);
            open.abort();
        }
    }

    @Test
    void fullWhenNoVolumeHasRoomAndRoomyAgainAfterADelete() throws Exception {
        int chunkBytes;
        try (LocalSegmentStore store = store(1000)) {
            assertThat(store.hasRoom()).isTrue();
            ChunkInfo a = write(store, key(T0), 1, 1000, null);
            chunkBytes = (int) a.bytes();
            assertThat(store.hasRoom()).isFalse();
            assertThat(store.usage().get(0).roomBytes()).isEqualTo(1000 - chunkBytes);
            assertThatThrownBy(() -> store.create(key(T0.plusSeconds(60)))).isInstanceOf(StoreFullException.class);

            assertThat(store.delete(a.location())).isTrue();
            assertThat(store.delete(a.location())).as("idempotent").isFalse();
            assertThat(store.hasRoom()).isTrue();
            assertThat(store.usage().get(0).usedBytes()).isZero();
            assertThat(dir.resolve("v0").resolve(TENANT.toString()).resolve(CAMERA.toString()))
                    .as("empty day/month/year directories pruned, the camera's kept").isEmptyDirectory();
            store.create(key(T0.plusSeconds(60))).abort();
        }
        try (LocalSegmentStore tight = LocalSegmentStore.open(List.of(
                new LocalVolumeConfig("v0", dir.resolve("v1"), BIG, Long.MAX_VALUE / 2)))) {
            assertThat(tight.hasRoom()).as("below its minimum free space").isFalse();
            assertThatThrownBy(() -> tight.create(key(T0))).isInstanceOf(StoreFullException.class);
        }
    }

    @Test
    void picksTheVolumeWithTheMostRoom() throws Exception {
        try (LocalSegmentStore store = LocalSegmentStore.open(List.of(
                new LocalVolumeConfig("small", dir.resolve("small"), 100_000, 0),
                new LocalVolumeConfig("large", dir.resolve("large"), 120_000, 0)))) {
            List<String> volumes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                volumes.add(write(store, key(T0.plusSeconds(60L * i)), 1, 40_000, null).volume());
            }
            assertThat(volumes).containsExactly("large", "small", "large", "small");
            assertThat(store.usage()).extracting(VolumeUsage::volume).containsExactly("small", "large");
        }
    }

    @Test
    void usageIsRebuiltWhenTheStoreOpensAgain() throws Exception {
        long used;
        try (LocalSegmentStore store = store(BIG)) {
            write(store, key(T0), 2, 3000, null);
            write(store, key(T0.plusSeconds(86_400)), 1, 100, null);
            ChunkWriter open = store.create(key(T0.plusSeconds(60)));
            appendAndRelease(open, FakeFmp4.fragment(ALLOC, 0, 10), null);
            used = store.usage().get(0).usedBytes();
        }
        try (LocalSegmentStore store = store(BIG)) {
            assertThat(store.usage().get(0).usedBytes()).isEqualTo(used);
            assertThat(chunks(store)).hasSize(2);
        }
    }

    @Test
    void recoverCutsAPartialChunkBackToItsLastCompleteFragment() throws Exception {
        try (LocalSegmentStore store = store(BIG)) {
            ChunkWriter w = store.create(key(T0));
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            appendAndRelease(w, FakeFmp4.init(ALLOC), copy);
            appendAndRelease(w, FakeFmp4.fragment(ALLOC, 0, 500), copy);
            ByteBuf torn = FakeFmp4.fragment(ALLOC, 1, 500);
            w.append(torn.slice(0, 100));
            torn.release();
            w.sync();
            ChunkWriter empty = store.create(key(T0.plusSeconds(60)));
            ByteBuf init = FakeFmp4.init(ALLOC);
            empty.append(init);
            init.release();
            // Both writers are simply abandoned, as by a process that died.

            List<ChunkInfo> recovered = store.recover(FakeFmp4::lastCompleteFragmentEnd);
            assertThat(recovered).extracting(ChunkInfo::bytes).containsExactly((long) copy.size());
            assertThat(recovered.get(0).sha256()).isEqualTo(SegmentStoreKillTest.sha256(copy.toByteArray()));
            assertThat(chunks(store)).extracting(StoredChunk::location)
                    .containsExactly(recovered.get(0).location());
            assertThat(store.usage().get(0).usedBytes()).as("the chunk without a fragment is deleted")
                    .isEqualTo(copy.size());
        }
    }

    @Test
    void locationsThatAreNotTheLayoutsAreRefused() throws Exception {
        try (LocalSegmentStore store = store(BIG)) {
            ChunkInfo info = write(store, key(T0), 1, 10, null);
            String good = info.location();
            for (String bad : List.of("v0/../../etc/passwd", "v9" + good.substring(2), good.replace("/01/02/", "/01/03/"),
                    good.replace(CAMERA.toString(), CAMERA.toString().toUpperCase()), good + ".part",
                    good.replace(".mp4", "0.mp4").replace("/" + T0.toEpochMilli(), "/0" + T0.toEpochMilli()))) {
                assertThatThrownBy(() -> store.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(ChunkLayout.parse(good)).isEqualTo(key(T0));
        }
    }
}
