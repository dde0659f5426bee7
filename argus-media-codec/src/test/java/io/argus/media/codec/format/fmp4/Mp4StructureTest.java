package io.argus.media.codec.format.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.testing.Hex;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The strict reader, the validator's checks, and crash recovery on files cut anywhere. */
class Mp4StructureTest {

    /** A small valid file: H.264 360p and AAC, a fragment every 10 video frames; and its fragment ends. */
    private record Recorded(byte[] bytes, long initEnd, List<Long> fragmentEnds) {
    }

    @Test
    void recoveryFindsTheLastCompleteFragmentAtEveryCut() {
        Recorded r = record(SampleMedia.H264_360P25, 10, 100);
        assertThat(r.fragmentEnds()).hasSize(10);
        List<Integer> cuts = new ArrayList<>();
        for (int cut = 0; cut <= r.bytes().length; cut += cut < r.initEnd() + 2000 ? 1 : 97) {
            cuts.add(cut);
        }
        for (long end : r.fragmentEnds()) {
            for (int delta : new int[] {-9, -8, -1, 0, 1, 7, 8, 9, 16}) {
                cuts.add((int) Math.min(r.bytes().length, end + delta));
            }
        }
        for (int cut : cuts) {
            ByteBuf prefix = Unpooled.wrappedBuffer(r.bytes(), 0, cut);
            assertThat(Mp4Structure.lastCompleteFragmentEnd(prefix)).as("cut at %d", cut)
                    .isEqualTo(expectedEnd(r, cut));
            prefix.release();
        }
        ByteBuf whole = Unpooled.wrappedBuffer(r.bytes());
        assertThat(Mp4Structure.lastCompleteFragmentEnd(whole)).isEqualTo(r.bytes().length);
        whole.release();
    }

    @Test
    void recoveryStopsAtAZeroFilledTailOrGarbage() {
        Recorded r = record(SampleMedia.H264_360P25, 50, 100);
        long firstEnd = r.fragmentEnds().get(0);
        byte[] zeroed = r.bytes().clone();
        Arrays.fill(zeroed, (int) firstEnd, zeroed.length, (byte) 0);
        assertThat(recover(zeroed)).isEqualTo(firstEnd);

        byte[] lying = r.bytes().clone();
        ByteBuf w = Unpooled.wrappedBuffer(lying);
        w.setInt((int) firstEnd + 8 + 12, 99);
        assertThat(recover(lying)).as("second moof's sequence changed: still self-consistent")
                .isEqualTo(r.bytes().length);
        w.setInt((int) firstEnd + 8 + 8, 1);
        assertThat(recover(lying)).as("second mfhd with flags: malformed").isEqualTo(firstEnd);
        w.setInt((int) firstEnd + 8 + 8, 0);
        Mp4Box mdat2 = Mp4BoxReader.read(Unpooled.wrappedBuffer(r.bytes())).get(5);
        w.setInt((int) mdat2.offset(), (int) mdat2.size() - 1);
        assertThat(recover(lying)).as("second mdat one byte short of its samples").isEqualTo(firstEnd);

        Random random = new Random(3);
        for (int i = 0; i < 3000; i++) {
            byte[] damaged = r.bytes().clone();
            int at = random.nextInt(damaged.length);
            damaged[at] ^= (byte) (1 + random.nextInt(255));
            int length = random.nextInt(damaged.length + 1);
            ByteBuf buf = Unpooled.wrappedBuffer(damaged, 0, length);
            long end = Mp4Structure.lastCompleteFragmentEnd(buf);
            assertThat(end).isBetween(0L, (long) length);
            try {
                Mp4Structure.validate(buf);
            } catch (Mp4FormatException expected) {
                // the only failure allowed
            }
            buf.release();
        }
    }

    @Test
    void validatorRejectsInconsistentFragments() {
        Recorded r = record(SampleMedia.H264_360P25, 50, 100);
        List<Mp4Box> boxes = Mp4BoxReader.read(Unpooled.wrappedBuffer(r.bytes()));
        Mp4Box moof1 = boxes.get(2);
        Mp4Box moof2 = boxes.get(4);
        Mp4Box trun = moof1.find("traf/trun");
        Mp4Box tfdt2 = moof2.find("traf/tfdt");
        assertRejected(r, b -> b.setInt((int) moof2.offset() + 8 + 12, 1), "sequence number 1 not above 1");
        assertRejected(r, b -> b.setLong((int) tfdt2.payloadOffset() + 4, 0), "tfdt 0 of track 1 not above 0");
        assertRejected(r, b -> b.setInt((int) trun.payloadOffset() + 8, 4), "starts at");
        assertRejected(r, b -> b.setInt((int) trun.payloadOffset() + 16, 1), "run of track 2 starts at");
        Mp4Box audioTrun = moof1.children(BoxType.TRAF).get(1).require(BoxType.TRUN);
        int lastSize = (int) audioTrun.end() - 8;
        assertRejected(r, b -> b.setInt(lastSize, b.getInt(lastSize) + 1), "sample sizes end at");
        assertRejected(r, b -> b.setInt((int) moof1.find("traf/tfhd").payloadOffset() + 4, 9), "unknown");
        assertRejected(r, b -> b.setInt((int) moof1.find("traf/tfhd").payloadOffset(), 0), "default-base-is-moof");
        assertRejected(r, b -> b.setInt((int) boxes.get(0).offset() + 4, BoxType.FREE), "starts with ftyp");
        assertRejected(r, b -> b.setInt((int) boxes.get(3).offset() + 4, BoxType.FREE), "expected a moof");
        Mp4Box stsz = boxes.get(1).find("trak/mdia/minf/stbl/stsz");
        assertRejected(r, b -> b.setInt((int) stsz.payloadOffset() + 8, 1), "lists samples");
    }

    @Test
    void readerHandlesLargesizeAndRejectsBadSizes() {
        ByteBuf buf = Unpooled.wrappedBuffer(Hex.bytes("0000000c66726565aabbccdd" + "000000016d646174"
                + "0000000000000013" + "010203"));
        List<Mp4Box> boxes = Mp4BoxReader.read(buf);
        assertThat(boxes).extracting(Mp4Box::typeName).containsExactly("free", "mdat");
        assertThat(boxes.get(1).headerSize()).isEqualTo(16);
        assertThat(boxes.get(1).payloadSize()).isEqualTo(3);
        buf.release();
        for (String bad : List.of("0000000466726565", "0000000966726565", "000000016d6461740000000000000008",
                "0000000066726565", "000000")) {
            ByteBuf b = Unpooled.wrappedBuffer(Hex.bytes(bad));
            assertThatThrownBy(() -> Mp4BoxReader.read(b)).as(bad).isInstanceOf(Mp4FormatException.class);
            assertThat(Mp4Structure.lastCompleteFragmentEnd(b)).isZero();
            b.release();
        }
    }

    @Test
    void aTrunDeclaringBillionsOfDefaultSamplesIsRefused() {
        ByteBuf buf = Unpooled.wrappedBuffer(Hex.bytes(""
                + "00000060" + "6d6f6f66"
                + "00000010" + "6d666864" + "00000000" + "00000001"
                + "00000048" + "74726166"
                + "00000018" + "74666864" + "00020018" + "00000001" + "00000e10" + "00000001"
                + "00000014" + "74666474" + "01000000" + "0000000000000000"
                + "00000014" + "7472756e" + "00000001" + "ffffffff" + "00000068"
                + "00000008" + "6d646174"));
        List<Mp4Box> boxes = Mp4BoxReader.read(buf);
        assertThat(boxes).extracting(Mp4Box::typeName).containsExactly("moof", "mdat");
        assertThatThrownBy(() -> Fmp4FragmentReader.read(buf, boxes.get(0), boxes.get(1)))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("4294967295");
        buf.release();
    }

    @Test
    void deepNestingIsRefused() {
        ByteBuf buf = Unpooled.buffer();
        int depth = Mp4BoxReader.MAX_DEPTH + 2;
        for (int i = 0; i < depth; i++) {
            buf.writeInt(8 * (depth - i));
            buf.writeInt(BoxType.MOOV);
        }
        assertThatThrownBy(() -> Mp4BoxReader.read(buf)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("nested");
        buf.release();
    }

    private static void assertRejected(Recorded r, Consumer<ByteBuf> damage, String message) {
        ByteBuf buf = Unpooled.wrappedBuffer(r.bytes().clone());
        damage.accept(buf);
        assertThatThrownBy(() -> Mp4Structure.validate(buf)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining(message);
        buf.release();
    }

    private static long recover(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return Mp4Structure.lastCompleteFragmentEnd(buf);
        } finally {
            buf.release();
        }
    }

    /** The last fragment end at or before the cut; else the init's end if the init is whole; else 0. */
    private static long expectedEnd(Recorded r, int cut) {
        long end = cut >= r.initEnd() ? r.initEnd() : 0;
        for (long e : r.fragmentEnds()) {
            end = e <= cut ? e : end;
        }
        return end;
    }

    /** Video (+ AAC) cut every {@code framesPerFragment} video frames, as bytes. */
    private static Recorded record(SampleMedia sample, int framesPerFragment, int frames) {
        Fmp4TestMedia.Units video = Fmp4TestMedia.video(sample, 0).releaseStream();
        Fmp4TestMedia.Units audio = Fmp4TestMedia.aac(1).releaseStream();
        List<MediaFormat> formats = List.of(Fmp4TestMedia.format(sample), Fmp4TestMedia.aacFormat());
        Fmp4InitSegment init = Fmp4InitSegment.write(formats, ByteBufAllocator.DEFAULT);
        ByteBuf file = Unpooled.buffer();
        file.writeBytes(init.content());
        long initEnd = file.writerIndex();
        init.release();
        List<Long> ends = new ArrayList<>();
        try (Fmp4FragmentWriter writer = new Fmp4FragmentWriter(List.of(
                new Fmp4Track(1, formats.get(0), 90_000, "", 0, 0),
                new Fmp4Track(2, formats.get(1), 48_000, "", 0, 0)), ByteBufAllocator.DEFAULT)) {
            int a = 0;
            for (int v = 0; v < frames; v++) {
                AccessUnit au = video.units().get(v);
                if (v > 0 && v % framesPerFragment == 0) {
                    append(file, writer.flush(0, au.dts()), ends);
                }
                writer.add(au);
                while (a < audio.units().size() && audio.units().get(a).dts() * 90_000L / 48_000 <= au.dts()) {
                    writer.add(audio.units().get(a++));
                }
            }
            append(file, writer.flush(), ends);
            audio.units().subList(a, audio.units().size()).forEach(AccessUnit::release);
        }
        byte[] bytes = ByteBufUtil.getBytes(file);
        file.release();
        return new Recorded(bytes, initEnd, ends);
    }

    private static void append(ByteBuf file, Fmp4Fragment f, List<Long> ends) {
        file.writeBytes(f.content());
        f.release();
        ends.add((long) file.writerIndex());
    }
}
