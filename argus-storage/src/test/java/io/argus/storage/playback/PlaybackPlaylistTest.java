package io.argus.storage.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.media.codec.format.m3u8.M3u8Writer;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playlist of three chunks of a camera: A and B back to back (the camera's clock running on), a 6 s outage,
 * then C (the camera's clock restarted). Each chunk is 4 s in two GOPs of 2 s.
 */
class PlaybackPlaylistTest {
    static final Instant T0 = Instant.parse("2025-08-01T10:00:00Z");
    static final Function<ChunkRecord, String> URI = c -> "media/chunks/" + Playback.chunkId(c) + ".mp4";

    @TempDir
    static Path dir;
    static LocalSegmentStore store;
    static ChunkFragments fragments;
    static List<ChunkRecord> chunks;

    @BeforeAll
    static void record() throws IOException {
        store = LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir, 1L << 40, 0)));
        fragments = new ChunkFragments(store, PooledByteBufAllocator.DEFAULT);
        chunks = threeChunks(store, UUID.randomUUID(), UUID.randomUUID(), SampleMedia.H264_1080P25, false);
    }

    /** A at T0, B at T0 + 4 s, C at T0 + 14 s. */
    static List<ChunkRecord> threeChunks(LocalSegmentStore store, UUID tenant, UUID camera, SampleMedia video,
                                         boolean audio) throws IOException {
        ChunkRecord a = ChunkFixtures.write(store, tenant, camera, T0, video, audio, 0, null);
        ChunkRecord b = ChunkFixtures.write(store, tenant, camera, T0.plusSeconds(4), video, audio, 360_000, a);
        ChunkRecord c = ChunkFixtures.write(store, tenant, camera, T0.plusSeconds(14), video, audio, 12_345, b);
        return List.of(a, b, c);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void golden() throws IOException {
        Instant from = T0.plusSeconds(1);
        Instant to = T0.plusMillis(16_500);
        List<Gop> gops = Playback.gops(chunks, fragments, from, to);
        String playlist = PlaybackPlaylist.write(gops, URI, true);

        Mp4Structure a = structure(chunks.get(0));
        Mp4Structure b = structure(chunks.get(1));
        Mp4Structure c = structure(chunks.get(2));
        String expected = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MAP:URI="media/chunks/1754042400000.mp4",BYTERANGE="%s@0"
                #EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:00.000Z
                #EXTINF:2.000,
                #EXT-X-BYTERANGE:%s
                media/chunks/1754042400000.mp4
                #EXTINF:2.000,
                #EXT-X-BYTERANGE:%s
                media/chunks/1754042400000.mp4
                #EXT-X-DISCONTINUITY
                #EXT-X-MAP:URI="media/chunks/1754042404000.mp4",BYTERANGE="%s@0"
                #EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:04.000Z
                #EXTINF:2.000,
                #EXT-X-BYTERANGE:%s
                media/chunks/1754042404000.mp4
                #EXTINF:2.000,
                #EXT-X-BYTERANGE:%s
                media/chunks/1754042404000.mp4
                #EXT-X-DISCONTINUITY
                #EXT-X-MAP:URI="media/chunks/1754042414000.mp4",BYTERANGE="%s@0"
                #EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:14.000Z
                #EXTINF:2.000,
                #EXT-X-BYTERANGE:%s
                media/chunks/1754042414000.mp4
                #EXTINF:2.000,
                #EXT-X-BYTERANGE:%s
                media/chunks/1754042414000.mp4
                #EXT-X-ENDLIST
                """.formatted(a.fragments().get(0).offset(), range(a, 0), range(a, 1),
                b.fragments().get(0).offset(), range(b, 0), range(b, 1),
                c.fragments().get(0).offset(), range(c, 0), range(c, 1));
        assertThat(playlist).isEqualTo(expected);

        // The byte ranges tile each chunk after its init segment; every segment starts with a keyframe.
        for (Gop g : gops) {
            assertThat(g.fragments().get(0).fragment().independent()).isTrue();
        }
        BigDecimal total = gops.stream().map(g -> M3u8Writer.seconds(g.duration()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).isEqualByComparingTo("12");
    }

    @Test
    void startsAtTheKeyframeBeforeFromAndStopsAfterTo() throws IOException {
        // from in A's second GOP (2..4 s), to just inside B's first GOP: two segments.
        List<Gop> gops = Playback.gops(chunks, fragments, T0.plusMillis(3_900), T0.plusMillis(4_001));
        assertThat(gops).extracting(Gop::start).containsExactly(T0.plusSeconds(2), T0.plusSeconds(4));
        // A range inside the outage: nothing.
        assertThat(Playback.gops(chunks, fragments, T0.plusSeconds(9), T0.plusSeconds(13))).isEmpty();
        // From inside the outage: starts with C.
        assertThat(Playback.gops(chunks, fragments, T0.plusSeconds(9), T0.plusSeconds(15)))
                .extracting(Gop::start).containsExactly(T0.plusSeconds(14));
    }

    @Test
    void aRangeStillRecordingIsAnEventWithoutEndList() throws IOException {
        List<Gop> gops = Playback.gops(chunks, fragments, T0, T0.plusSeconds(60));
        String playlist = PlaybackPlaylist.write(gops, URI, false);
        assertThat(playlist).contains("#EXT-X-PLAYLIST-TYPE:EVENT\n").doesNotContain("ENDLIST");
        assertThat(playlist.lines().filter(l -> l.startsWith("#EXTINF"))).hasSize(6);
        assertThatThrownBy(() -> PlaybackPlaylist.write(List.of(), URI, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** "length@offset" of a chunk's fragment, from the strict parser. */
    private static String range(Mp4Structure s, int i) {
        Mp4Structure.Fragment f = s.fragments().get(i);
        return (f.end() - f.offset()) + "@" + f.offset();
    }

    static Mp4Structure structure(ChunkRecord c) throws IOException {
        ByteBuf file = Unpooled.wrappedBuffer(Files.readAllBytes(store.localPath(c.location()).orElseThrow()));
        try {
            return Mp4Structure.validate(file);
        } finally {
            file.release();
        }
    }
}
