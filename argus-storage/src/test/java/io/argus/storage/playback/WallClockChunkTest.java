package io.argus.storage.playback;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunks served on the wall clock: only tfdt fields change; any byte range is the same slice of the whole. */
class WallClockChunkTest {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    @TempDir
    Path dir;

    @Test
    void aResetCameraClockMovesForwardOnTheWallClock() throws IOException {
        try (LocalSegmentStore store = LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir, 1L << 40,
                0)))) {
            Instant t0 = Instant.parse("2025-08-01T10:00:00.250Z");
            UUID tenant = UUID.randomUUID();
            UUID camera = UUID.randomUUID();
            ChunkRecord a = ChunkFixtures.write(store, tenant, camera, t0, SampleMedia.H264_360P25, true, 900_000, null);
            ChunkRecord b = ChunkFixtures.write(store, tenant, camera, t0.plusSeconds(10), SampleMedia.H264_360P25,
                    true, 0, a);
            ChunkFragments fragments = new ChunkFragments(store, ALLOC);
            Mp4Structure sa = structure(served(store, fragments, a));
            Mp4Structure sb = structure(served(store, fragments, b));
            long a0 = sa.fragments().get(0).runs().get(0).baseMediaDecodeTime();
            assertThat(a0).isEqualTo(t0.toEpochMilli() * 90);
            assertThat(sa.fragments().get(0).runs().get(1).baseMediaDecodeTime()).isEqualTo(t0.toEpochMilli() * 48);
            assertThat(sb.fragments().get(0).runs().get(0).baseMediaDecodeTime()).isEqualTo(a0 + 10 * 90_000);

            byte[] whole = served(store, fragments, a);
            byte[] file = Files.readAllBytes(store.localPath(a.location()).orElseThrow());
            assertThat(whole).hasSameSizeAs(file);
            int differing = 0;
            for (int i = 0; i < file.length; i++) {
                differing += whole[i] != file[i] ? 1 : 0;
            }
            // Two fragments, two trafs each, 8-byte tfdts: at most 32 bytes differ.
            assertThat(differing).isBetween(1, 32);
            WallClockChunk chunk = new WallClockChunk(a, fragments.get(a.location()), false);
            for (long[] r : new long[][] {{0, 10}, {0, 700}, {600, 300}, {1000, 5000}, {whole.length - 7, 7},
                    {5, whole.length - 5}}) {
                assertThat(range(store, chunk, r[0], r[1]))
                        .isEqualTo(Arrays.copyOfRange(whole, (int) r[0], (int) (r[0] + r[1])));
            }
        }
    }

    private static Mp4Structure structure(byte[] b) {
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        try {
            return Mp4Structure.validate(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] served(LocalSegmentStore store, ChunkFragments fragments, ChunkRecord c) throws IOException {
        WallClockChunk chunk = new WallClockChunk(c, fragments.get(c.location()), false);
        try (ReadableChunk file = store.open(c.location())) {
            return range(store, chunk, 0, file.size());
        }
    }

    private static byte[] range(LocalSegmentStore store, WallClockChunk chunk, long offset, long length)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReadableChunk file = store.open(chunk.record().location())) {
            chunk.write(file, offset, length, MediaOutput.of(Channels.newChannel(out)), ALLOC);
        }
        return out.toByteArray();
    }
}
