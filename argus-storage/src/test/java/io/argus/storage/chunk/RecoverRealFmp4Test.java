package io.argus.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.format.fmp4.Fmp4Fragment;
import io.argus.media.codec.format.fmp4.Fmp4FragmentWriter;
import io.argus.media.codec.format.fmp4.Fmp4InitSegment;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.h264.H264NalType;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's recovery with the fMP4 module's own parser, on chunks its muxer wrote: a chunk torn in its last
 * fragment comes back as a valid fragmented MP4 with every complete fragment.
 */
class RecoverRealFmp4Test {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    /** 90 kHz ticks per picture at the sample's 25 fps. */
    private static final long FRAME_TICKS = 3600;
    private static final int FRAMES_PER_FRAGMENT = 25;

    @TempDir
    Path dir;

    @Test
    void aChunkTornInItsLastFragmentIsCutToAValidFile() throws Exception {
        ChunkKey key = new ChunkKey(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2025-08-01T10:00:00Z"));
        int wholeFragments;
        long wholeBytes;
        try (LocalSegmentStore store = LocalSegmentStore.open(
                List.of(new LocalVolumeConfig("v0", dir, 1L << 40, 0)))) {
            ChunkWriter w = store.create(key);
            ByteBuf stream = Unpooled.directBuffer().writeBytes(SampleMedia.H264_360P25.bytes());
            List<AccessUnit> units = H264AccessUnits.fromAnnexB(stream, 0, FRAME_TICKS);
            stream.release();
            MediaFormat format = h264Format(units.get(0));
            Fmp4InitSegment init = Fmp4InitSegment.write(List.of(format), ALLOC);
            w.append(init.content());
            List<Fmp4Fragment> fragments = new ArrayList<>();
            try (Fmp4FragmentWriter muxer = new Fmp4FragmentWriter(init.tracks(), ALLOC)) {
                for (int i = 0; i < units.size(); i++) {
                    AccessUnit au = units.get(i);
                    if (i > 0 && (au.keyframe() || i % FRAMES_PER_FRAGMENT == 0) && muxer.hasPending()) {
                        fragments.add(muxer.flush(0, au.dts()));
                    }
                    assertThat(muxer.add(au)).isTrue();
                }
                fragments.add(muxer.flush());
            } finally {
                init.release();
            }
            assertThat(fragments).hasSizeGreaterThanOrEqualTo(3);
            wholeFragments = fragments.size() - 1;
            for (int i = 0; i < wholeFragments; i++) {
                w.append(fragments.get(i).content());
                w.sync();
                fragments.get(i).release();
            }
            wholeBytes = w.bytes();
            ByteBuf last = fragments.get(wholeFragments).content();
            w.append(last.slice(last.readerIndex(), last.readableBytes() * 2 / 3));
            w.sync();
            fragments.get(wholeFragments).release();
            // The writer is abandoned here, as by a recorder killed mid-fragment.
        }
        try (LocalSegmentStore store = LocalSegmentStore.open(
                List.of(new LocalVolumeConfig("v0", dir, 1L << 40, 0)))) {
            List<ChunkInfo> recovered = store.recover(Mp4Structure::lastCompleteFragmentEnd);
            assertThat(recovered).hasSize(1);
            assertThat(recovered.get(0).bytes()).isEqualTo(wholeBytes);
            Path file = store.localPath(recovered.get(0).location()).orElseThrow();
            ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(file));
            try {
                Mp4Structure structure = Mp4Structure.validate(bytes);
                assertThat(structure.fragments()).hasSize(wholeFragments);
                assertThat(recovered.get(0).sha256()).isEqualTo(SegmentStoreKillTest.sha256(ByteBufUtil.getBytes(bytes)));
            } finally {
                bytes.release();
            }
        }
    }

    /** The sample's SPS and PPS, from its first access unit. */
    private static MediaFormat h264Format(AccessUnit first) {
        byte[] sps = null;
        byte[] pps = null;
        for (int i = 0; i < first.unitCount(); i++) {
            ByteBuf nal = first.unit(i);
            int type = H264NalType.of(nal);
            if (type == H264NalType.SPS) {
                sps = ByteBufUtil.getBytes(nal);
            } else if (type == H264NalType.PPS) {
                pps = ByteBufUtil.getBytes(nal);
            }
        }
        return new MediaFormat.H264(sps, pps);
    }
}
