package io.argus.server.playback;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.metadata.Database;
import io.argus.metadata.JdbcChunkIndex;
import io.argus.metadata.Tenants;
import io.argus.storage.chunk.ChunkPrefix;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.OpenChunk;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.RecordedChunks;
import io.argus.storage.chunk.Span;
import io.argus.storage.chunk.Tier;
import io.argus.storage.playback.ChunkFixtures;
import io.argus.storage.playback.ChunkFragments;
import io.argus.storage.playback.MediaOutput;
import io.argus.storage.playback.Mp4Export;
import io.argus.storage.playback.Playback;
import io.argus.storage.playback.WallClockChunk;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playback of a chunk still being recorded, over the real index (H2) and a real local store: chunk A (T0, 4 s)
 * is closed and indexed, chunk B (T0 + 4 s, two GOPs of 2 s) is written but open, published as the recorder
 * publishes it. Its last GOP may still grow, so a playlist leaves it out and stays open; spans, exports and the
 * chunk itself reach to its end; once B closes everything is as for closed chunks.
 */
class OpenChunkPlaybackTest {
    static final UUID CAM = UUID.fromString("bbbbbbbb-0000-4000-8000-000000000002");
    static final Instant T0 = Instant.parse("2025-07-01T10:00:00Z");
    static final Instant LATER = T0.plusSeconds(3600);

    @TempDir
    Path dir;
    Database db;
    JdbcChunkIndex index;
    LocalSegmentStore store;
    final AtomicReference<OpenChunk> open = new AtomicReference<>();
    RecordedChunks recorded;
    Playback playback;
    ChunkRecord a;
    ChunkFixtures.Written b;

    @BeforeEach
    void record() throws Exception {
        db = Database.openEmbedded(dir.resolve("db"));
        index = new JdbcChunkIndex(db.dataSource());
        store = LocalSegmentStore.open(List.of(new LocalVolumeConfig("hot", dir.resolve("hot"), 1L << 40, 0)));
        a = ChunkFixtures.write(store, Tenants.DEFAULT_ID, CAM, T0, SampleMedia.H264_360P25, false, 0, null);
        assertThat(index.add(a)).isTrue();
        b = ChunkFixtures.writeOpen(store, Tenants.DEFAULT_ID, CAM, T0.plusSeconds(4), SampleMedia.H264_360P25, false,
                360_000);
        ChunkPrefix written = b.writer().written();
        open.set(new OpenChunk(ChunkRecord.of(written.info(), T0.plusSeconds(8), b.codecs(), Tier.HOT, a), written));
        recorded = new RecordedChunks(index, (tenant, camera) -> camera.equals(CAM)
                ? Optional.ofNullable(open.get()) : Optional.empty());
        playback = new Playback(recorded, store, new ChunkFragments(store, PooledByteBufAllocator.DEFAULT),
                PooledByteBufAllocator.DEFAULT);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ChunkRecord closeB() throws Exception {
        ChunkRecord row = ChunkRecord.of(b.writer().finish(), T0.plusSeconds(8), b.codecs(), Tier.HOT, a);
        assertThat(index.add(row)).isTrue();
        b.writer().close();
        open.set(null);
        return row;
    }

    @Test
    void theOpenChunkIsRecordedAndItsWholeGopsAreListedInAnOpenPlaylist() throws Exception {
        assertThat(recorded.spans(Tenants.DEFAULT_ID, CAM, T0, T0.plusSeconds(8)))
                .containsExactly(new Span(Span.Kind.RECORDED, T0, T0.plusSeconds(8)));
        assertThat(index.spans(Tenants.DEFAULT_ID, CAM, T0, T0.plusSeconds(8))).as("the index alone")
                .contains(new Span(Span.Kind.GAP, T0.plusSeconds(4), T0.plusSeconds(8)));

        String growing = playback.playlist(Tenants.DEFAULT_ID, CAM, T0, T0.plusSeconds(8), LATER, this::uri);
        assertThat(growing).contains("#EXT-X-PLAYLIST-TYPE:EVENT").doesNotContain("#EXT-X-ENDLIST");
        assertThat(growing.lines().filter(l -> l.startsWith("#EXTINF:"))).as("A's two GOPs and B's first")
                .hasSize(3);
        assertThat(growing).contains("media/" + T0.plusSeconds(4).toEpochMilli() + ".mp4");

        String whole = playback.playlist(Tenants.DEFAULT_ID, CAM, T0, T0.plusSeconds(5), LATER, this::uri);
        assertThat(whole).as("a range that ends in a GOP already followed by another is complete")
                .contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST");

        ChunkRecord b1 = closeB();
        String closed = playback.playlist(Tenants.DEFAULT_ID, CAM, T0, T0.plusSeconds(8), LATER, this::uri);
        assertThat(closed).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST")
                .startsWith(growing.substring(0, growing.indexOf("#EXT-X-PLAYLIST-TYPE")))
                .contains(growing.substring(growing.indexOf("#EXT-X-INDEPENDENT-SEGMENTS")));
        assertThat(closed.lines().filter(l -> l.startsWith("#EXTINF:"))).hasSize(4);
        assertThat(Playback.chunkId(b1)).as("the chunk keeps its id when it closes")
                .isEqualTo(T0.plusSeconds(4).toEpochMilli());
    }

    @Test
    void theOpenChunkIsServedAndExportedUpToItsLastFragment() throws Exception {
        ChunkRecord b0 = playback.chunk(Tenants.DEFAULT_ID, CAM, T0.plusSeconds(4).toEpochMilli()).orElseThrow();
        WallClockChunk served = playback.served(b0);
        assertThat(served.open()).isTrue();
        try (ReadableChunk file = playback.open(b0)) {
            assertThat(served.size(file)).isEqualTo(b0.bytes()).isEqualTo(b.writer().bytes());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            playback.write(served, file, 0, served.size(file), MediaOutput.of(Channels.newChannel(out)));
            ByteBuf bytes = Unpooled.wrappedBuffer(out.toByteArray());
            try {
                assertThat(Mp4Structure.validate(bytes).samples(1)).hasSize(100);
            } finally {
                bytes.release();
            }
        }

        Mp4Export export = playback.export(Tenants.DEFAULT_ID, CAM, T0.plusSeconds(1), T0.plusSeconds(8));
        assertThat(export.duration()).as("A's GOP holding the start, A's second GOP, all of B").hasSeconds(8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        playback.write(export, MediaOutput.of(Channels.newChannel(out)));
        assertThat(out.size()).isEqualTo(export.contentLength());
        ByteBuf mp4 = Unpooled.wrappedBuffer(out.toByteArray());
        try {
            assertThat(Mp4Structure.validate(mp4).samples(1)).hasSize(200);
        } finally {
            mp4.release();
        }
        closeB();
        assertThat(playback.served(b0).open()).as("closed since").isFalse();
    }

    private String uri(ChunkRecord c) {
        return "media/" + Playback.chunkId(c) + ".mp4";
    }
}
