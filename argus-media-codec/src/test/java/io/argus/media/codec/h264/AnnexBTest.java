package io.argus.media.codec.h264;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.testing.Hex;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Annex B splitting (3- and 4-byte start codes, trailing zeros, leading junk) and zero-copy composing. */
class AnnexBTest {

    @Test
    void splitsAtBothStartCodeLengthsAndDropsTrailingZeros() {
        ByteBuf stream = Unpooled.wrappedBuffer(Hex.bytes("ffee 00000001 6742 000001 68ce 0000 00000001 65888480 0000"));
        List<ByteBuf> nals = new ArrayList<>();
        assertThat(AnnexB.split(stream, nals)).isEqualTo(3);
        assertThat(nals.stream().map(ByteBufUtil::hexDump)).containsExactly("6742", "68ce", "65888480");
        assertThat(stream.readerIndex()).isZero();
        nals.forEach(ByteBuf::release);
        assertThat(AnnexB.split(Unpooled.wrappedBuffer(Hex.bytes("000000")), nals)).isZero();
        assertThat(stream.refCnt()).isEqualTo(1);
    }

    @Test
    void samplesGroupIntoTheirPicturesAndComposeBackToTheFile() {
        ByteBuf file = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(SampleMedia.H264_360P25.bytes());
        List<AccessUnit> aus = H264AccessUnits.fromAnnexB(file, 0, 3600);
        assertThat(aus).hasSize(100);
        assertThat(aus.stream().filter(AccessUnit::keyframe).map(AccessUnit::pts)).containsExactly(0L, 180_000L);
        CompositeByteBuf all = PooledByteBufAllocator.DEFAULT.compositeBuffer(Integer.MAX_VALUE);
        ByteBuf copied = Unpooled.buffer();
        for (AccessUnit au : aus) {
            all.addComponent(true, AnnexB.compose(au, PooledByteBufAllocator.DEFAULT));
            AnnexB.write(au, copied);
            au.release();
        }
        assertThat(ByteBufUtil.equals(all, copied)).isTrue();
        List<ByteBuf> again = new ArrayList<>();
        List<ByteBuf> original = new ArrayList<>();
        AnnexB.split(all, again);
        AnnexB.split(file, original);
        assertThat(again).hasSameSizeAs(original);
        for (int i = 0; i < again.size(); i++) {
            assertThat(ByteBufUtil.equals(again.get(i), original.get(i))).as("NAL %d", i).isTrue();
            again.get(i).release();
            original.get(i).release();
        }
        all.release();
        assertThat(file.release()).isTrue();
    }
}
