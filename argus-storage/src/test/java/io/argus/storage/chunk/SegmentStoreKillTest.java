package io.argus.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.testkit.ChildJvm;
import io.argus.testkit.tier.Kill;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorder killed with SIGKILL mid-write (a real child JVM) loses nothing up to its last complete fragment. */
@Kill
class SegmentStoreKillTest {
    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID CAMERA = UUID.fromString("0b3c1a52-7d55-4a8e-9d0e-3f1f5b0c2a11");
    private static final Instant START = Instant.parse("2025-03-04T05:06:07.089Z");
    private static final int PAYLOAD = 20_000;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void killedInTheMiddleOfAFragmentKeepsEveryCompleteFragment() throws Exception {
        long synced;
        try (ChildJvm child = writer("half")) {
            String half = child.await(l -> l.startsWith("HALF "), DEADLINE);
            synced = lastSynced(child.output());
            assertThat(Long.parseLong(half.split(" ")[1])).isGreaterThan(synced);
            assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(ChildJvm.EXIT_SIGKILL);
        }
        Path part = chunkFile(".mp4.part");
        assertThat(Files.size(part)).as("the half fragment reached the file").isGreaterThan(synced);

        try (LocalSegmentStore store = openStore()) {
            assertThat(store.usage().get(0).usedBytes()).isEqualTo(Files.size(part));
            List<ChunkInfo> recovered = store.recover(FakeFmp4::lastCompleteFragmentEnd);

            byte[] expected = expectedBytes(synced);
            assertThat(recovered).containsExactly(new ChunkInfo(new ChunkKey(TENANT, CAMERA, START), "v0",
                    "v0/" + TENANT + "/" + CAMERA + "/2025/03/04/" + START.toEpochMilli() + ".mp4",
                    expected.length, sha256(expected)));
            assertThat(Files.exists(part)).isFalse();
            assertThat(Files.readAllBytes(chunkFile(".mp4"))).isEqualTo(expected);
            assertThat(store.usage().get(0).usedBytes()).isEqualTo(expected.length);
            assertThat(store.recover(FakeFmp4::lastCompleteFragmentEnd)).as("nothing left to recover").isEmpty();
        }
    }

    @Test
    void killedWhileWritingFreelyKeepsAtLeastWhatWasSynced() throws Exception {
        long synced;
        try (ChildJvm child = writer("run")) {
            child.await(l -> l.startsWith("SYNCED 20 "), DEADLINE);
            assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(ChildJvm.EXIT_SIGKILL);
            // Read to the end of its output: the last sync it reported before dying.
            synced = lastSynced(child.output());
        }
        try (LocalSegmentStore store = openStore()) {
            List<ChunkInfo> recovered = store.recover(FakeFmp4::lastCompleteFragmentEnd);
            assertThat(recovered).hasSize(1);
            ChunkInfo info = recovered.get(0);
            assertThat(info.bytes()).isGreaterThanOrEqualTo(synced);
            int initSize = initSize();
            assertThat((info.bytes() - initSize) % FakeFmp4.fragmentSize(PAYLOAD)).as("ends on a fragment boundary")
                    .isZero();
            byte[] expected = expectedBytes(info.bytes());
            assertThat(Files.readAllBytes(chunkFile(".mp4"))).isEqualTo(expected);
            assertThat(info.sha256()).isEqualTo(sha256(expected));
        }
    }

    private LocalSegmentStore openStore() throws IOException {
        return LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir, 1L << 40, 0)));
    }

    private Path chunkFile(String suffix) {
        return dir.resolve(TENANT.toString()).resolve(CAMERA.toString()).resolve("2025/03/04")
                .resolve(START.toEpochMilli() + suffix);
    }

    private static int initSize() {
        ByteBuf init = FakeFmp4.init(UnpooledByteBufAllocator.DEFAULT);
        try {
            return init.readableBytes();
        } finally {
            init.release();
        }
    }

    /** What the child wrote, generated again: the init segment and whole fragments up to {@code length} bytes. */
    private static byte[] expectedBytes(long length) {
        ByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;
        ByteBuf all = Unpooled.buffer();
        try {
            ByteBuf init = FakeFmp4.init(alloc);
            all.writeBytes(init);
            init.release();
            for (int n = 0; all.readableBytes() < length; n++) {
                ByteBuf f = FakeFmp4.fragment(alloc, n, PAYLOAD);
                all.writeBytes(f);
                f.release();
            }
            assertThat(all.readableBytes()).as("a fragment boundary").isEqualTo(length);
            byte[] out = new byte[all.readableBytes()];
            all.readBytes(out);
            return out;
        } finally {
            all.release();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private ChildJvm writer(String mode) {
        return ChildJvm.start(List.of("-Xmx64m"), ChunkWriterChild.class.getName(), dir.toString(),
                TENANT.toString(), CAMERA.toString(), Long.toString(START.toEpochMilli()), Integer.toString(PAYLOAD),
                mode);
    }

    /** The bytes of the last {@code SYNCED <n> <bytes>} line; -1 before the first. */
    private static long lastSynced(List<String> output) {
        long synced = -1;
        for (String l : output) {
            if (l.startsWith("SYNCED ")) {
                synced = Long.parseLong(l.split(" ")[2]);
            }
        }
        return synced;
    }
}
