package io.argus.storage.playback;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ForwardingSegmentStore;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fragment map of a real chunk against the fMP4 module's own strict parser, read without any mdat payload. */
class ChunkFragmentsTest {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    @TempDir
    Path dir;
    LocalSegmentStore local;
    CountingStore store;

    @BeforeEach
    void open() throws IOException {
        local = LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir, 1L << 40, 0)));
        store = new CountingStore(local);
    }

    @AfterEach
    void close() {
        local.close();
    }

    @Test
    void mapMatchesTheStrictParserAndReadsNoPayload() throws IOException {
        ChunkRecord c = ChunkFixtures.write(local, UUID.randomUUID(), UUID.randomUUID(),
                Instant.parse("2025-08-01T10:00:00Z"), SampleMedia.H264_1080P25, true, 90_000, null);
        ChunkFragments fragments = new ChunkFragments(store, ALLOC, 4);
        ChunkMedia media = fragments.get(c.location());

        ByteBuf file = Unpooled.wrappedBuffer(Files.readAllBytes(local.localPath(c.location()).orElseThrow()));
        Mp4Structure expected;
        try {
            expected = Mp4Structure.validate(file);
        } finally {
            file.release();
        }
        assertThat(media.tracks()).isEqualTo(expected.tracks());
        assertThat(media.primaryTrack().handler()).isEqualTo("vide");
        assertThat(media.fragments()).hasSize(expected.fragments().size()).hasSize(2);
        long mdatPayload = 0;
        for (int i = 0; i < expected.fragments().size(); i++) {
            Mp4Structure.Fragment e = expected.fragments().get(i);
            ChunkFragment f = media.fragments().get(i);
            assertThat(f.offset()).isEqualTo(e.offset());
            assertThat(f.end()).isEqualTo(e.end());
            assertThat(f.independent()).isTrue();
            assertThat(f.runs()).hasSize(e.runs().size()).hasSize(2);
            for (int r = 0; r < e.runs().size(); r++) {
                Mp4Structure.Run er = e.runs().get(r);
                FragmentRun fr = f.runs().get(r);
                assertThat(fr.trackId()).isEqualTo(er.trackId());
                assertThat(fr.baseMediaDecodeTime()).isEqualTo(er.baseMediaDecodeTime());
                assertThat(fr.duration()).isEqualTo(er.duration());
                assertThat(fr.samples()).isEqualTo(er.samples().size());
                mdatPayload += er.dataSize();
            }
        }
        assertThat(media.fragments().get(0).run(1).baseMediaDecodeTime()).isEqualTo(90_000);
        assertThat(media.fragments().get(0).run(1).duration()).isEqualTo(50 * ChunkFixtures.FRAME_TICKS);
        assertThat(media.firstTfdt(2)).isEqualTo(48_000);

        // Box headers, the init segment and moofs only: no byte of any mdat payload was read.
        long size = local.localPath(c.location()).map(p -> p.toFile().length()).orElseThrow();
        assertThat(store.bytesRead).isLessThan(size - mdatPayload + 256);
        for (long[] read : store.reads) {
            for (ChunkFragment f : media.fragments()) {
                long payloadFrom = f.mdatOffset() + 8;
                assertThat(read[0] + read[1] <= payloadFrom || read[0] >= f.end())
                        .as("read %d+%d overlaps the payload of the mdat at %d", read[0], read[1], f.mdatOffset())
                        .isTrue();
            }
        }

        // Cached: a closed chunk never changes, so the store is not asked again.
        int opens = store.opens;
        assertThat(fragments.get(c.location())).isSameAs(media);
        assertThat(store.opens).isEqualTo(opens);
    }

    @Test
    void theCacheEvictsTheLeastRecentlyUsed() throws IOException {
        UUID tenant = UUID.randomUUID();
        UUID camera = UUID.randomUUID();
        Instant t0 = Instant.parse("2025-08-01T10:00:00Z");
        List<ChunkRecord> chunks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chunks.add(ChunkFixtures.write(local, tenant, camera, t0.plus(ChunkFixtures.CHUNK_DURATION.multipliedBy(i)),
                    SampleMedia.H264_360P25, false, i * 360_000L, null));
        }
        ChunkFragments fragments = new ChunkFragments(store, ALLOC, 2);
        fragments.get(chunks.get(0).location());
        fragments.get(chunks.get(1).location());
        fragments.get(chunks.get(0).location());
        fragments.get(chunks.get(2).location());
        int opens = store.opens;
        fragments.get(chunks.get(0).location());
        assertThat(store.opens).isEqualTo(opens);
        fragments.get(chunks.get(1).location());
        assertThat(store.opens).isEqualTo(opens + 1);
    }

    /** A store that counts what is read through it. */
    static final class CountingStore extends ForwardingSegmentStore<SegmentStore> {
        final List<long[]> reads = new ArrayList<>();
        long bytesRead;
        int opens;

        CountingStore(SegmentStore delegate) {
            super(delegate);
        }

        @Override
        public ReadableChunk open(String location) throws IOException {
            opens++;
            ReadableChunk c = delegate.open(location);
            return new ReadableChunk() {
                @Override
                public String location() {
                    return c.location();
                }

                @Override
                public long size() {
                    return c.size();
                }

                @Override
                public ByteBuf read(long offset, int length, ByteBufAllocator alloc) throws IOException {
                    reads.add(new long[] {offset, length});
                    bytesRead += length;
                    return c.read(offset, length, alloc);
                }

                @Override
                public long transferTo(long offset, long length, WritableByteChannel target) throws IOException {
                    return c.transferTo(offset, length, target);
                }

                @Override
                public Optional<Path> localPath() {
                    return c.localPath();
                }

                @Override
                public void close() throws IOException {
                    c.close();
                }
            };
        }
    }
}
