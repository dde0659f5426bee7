package io.argus.storage.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.RecordedChunks;
import io.argus.storage.record.MemoryChunkIndex;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode: a node asked for a chunk that another node wrote to its own disk refuses it clearly (the server
 * answers 503 {@code chunk_elsewhere}) at every read of its bytes, instead of looking on its own disk; the writer
 * itself and a single node read it as before.
 */
class ChunkElsewhereTest {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID CAMERA = UUID.randomUUID();

    @TempDir
    Path dir;
    LocalSegmentStore store;
    MemoryChunkIndex index;
    ChunkRecord written;

    @BeforeEach
    void record() throws Exception {
        store = LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir.resolve("store"), 1L << 40, 0)));
        index = new MemoryChunkIndex();
        ChunkRecord r = ChunkFixtures.write(store, TENANT, CAMERA, T0, SampleMedia.H264_360P25, false, 0, null);
        written = new ChunkRecord(r.tenant(), r.camera(), r.start(), r.end(), r.bytes(), r.codec(), r.tier(),
                r.volume(), r.location(), r.sha256(), r.prevSha256(), "node-a");
        assertThat(index.add(written)).isTrue();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Playback on(String node) {
        return new Playback(RecordedChunks.closed(index), store, new ChunkFragments(store, ALLOC), ALLOC, node);
    }

    @Test
    void anotherNodeRefusesAChunkOnTheWritersDisk() {
        Playback b = on("node-b");
        Instant end = T0.plus(ChunkFixtures.CHUNK_DURATION);
        assertThatThrownBy(() -> b.gops(TENANT, CAMERA, T0, end))
                .isInstanceOfSatisfying(ChunkElsewhereException.class,
                        e -> assertThat(e.writerNode()).isEqualTo("node-a"));
        assertThatThrownBy(() -> b.served(written)).isInstanceOf(ChunkElsewhereException.class);
        assertThatThrownBy(() -> b.open(written)).isInstanceOf(ChunkElsewhereException.class);
        assertThatThrownBy(() -> b.export(TENANT, CAMERA, T0, end)).isInstanceOf(ChunkElsewhereException.class);
    }

    @Test
    void theWriterAndASingleNodeReadIt() throws Exception {
        Instant end = T0.plus(ChunkFixtures.CHUNK_DURATION);
        for (String node : new String[] {"node-a", null}) {
            Playback p = on(node);
            assertThat(p.gops(TENANT, CAMERA, T0, end)).isNotEmpty();
            try (ReadableChunk file = p.open(written)) {
                assertThat(file.size()).isEqualTo(written.bytes());
            }
        }
    }
}
