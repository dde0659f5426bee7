package io.argus.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.testkit.tier.Kill;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
        try (Child child = Child.start(dir, "half")) {
            String half = child.await(l -> l.startsWith("HALF "));
            synced = child.lastSynced();
            assertThat(Long.parseLong(half.split(" ")[1])).isGreaterThan(synced);
            child.kill();
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
        try (Child child = Child.start(dir, "run")) {
            child.await(l -> l.startsWith("SYNCED 20 "));
            child.kill();
            synced = child.lastSynced();
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

    /** The child JVM and the lines it printed, read by a thread so waits can have a deadline. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        private final Thread reader;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private long lastSynced = -1;

        private Child(Process process) {
            this.process = process;
            this.reader = Thread.ofPlatform().daemon().name("child-output").start(() -> {
                try (BufferedReader r = process.inputReader()) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // the child died; the waits time out or have their line
                }
            });
        }

        static Child start(Path dir, String mode) throws IOException {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx64m",
                    ChunkWriterChild.class.getName(), dir.toString(), TENANT.toString(), CAMERA.toString(),
                    Long.toString(START.toEpochMilli()), Integer.toString(PAYLOAD), mode);
            return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }

        String await(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (true) {
                String l = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (l == null) {
                    throw new AssertionError("child did not print the awaited line in " + DEADLINE + "; alive="
                            + process.isAlive() + ", output: " + seen);
                }
                seen.add(l);
                if (l.startsWith("SYNCED ")) {
                    lastSynced = Long.parseLong(l.split(" ")[2]);
                }
                if (wanted.test(l)) {
                    return l;
                }
            }
        }

        /** SIGKILL, then the lines it printed before dying, so the last sync it reported is known. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            reader.join(DEADLINE);
            assertThat(reader.isAlive()).as("child output read to its end").isFalse();
            for (String l; (l = lines.poll()) != null; ) {
                seen.add(l);
                if (l.startsWith("SYNCED ")) {
                    lastSynced = Long.parseLong(l.split(" ")[2]);
                }
            }
        }

        long lastSynced() {
            return lastSynced;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }
}
