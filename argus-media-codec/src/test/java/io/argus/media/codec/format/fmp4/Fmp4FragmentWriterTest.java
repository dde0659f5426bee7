package io.argus.media.codec.format.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.testing.Hex;
import io.argus.testkit.LeakCheck;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fragment writer: golden bytes, zero copy, durations, rejections and ownership. */
class Fmp4FragmentWriterTest {

    private static final Fmp4Track H264_TRACK = new Fmp4Track(1, new MediaFormat.H264(Hex.bytes("67"),
            Hex.bytes("68")), 90_000, "avc1.640028", 1920, 1080);
    private static final Fmp4Track AAC_TRACK = new Fmp4Track(2, new MediaFormat.Aac(Hex.bytes("1190"), 48_000, 2),
            48_000, "mp4a.40.2", 0, 0);

    private final LeakCheck leaks = new LeakCheck();

    @Test
    void writesGoldenFragment() {
        Fmp4FragmentWriter writer = new Fmp4FragmentWriter(List.of(H264_TRACK), ByteBufAllocator.DEFAULT);
        assertThat(writer.add(video(0, 3600, true, "09f0", "65888400"))).isTrue();
        assertThat(writer.add(video(3600, 3600, false, "419a02"))).isTrue();
        assertThat(writer.pendingDuration(0)).isEqualTo(3600);
        assertThat(writer.pendingBytes()).isEqualTo(15);
        Fmp4Fragment f = writer.flush(0, 7200);
        String expected = ""
                + "00000078" + "6d6f6f66"                                  // moof, 120 bytes
                + "00000010" + "6d666864" + "00000000" + "00000001"        //   mfhd, sequence 1
                + "00000060" + "74726166"                                  //   traf
                + "00000010" + "74666864" + "00020000" + "00000001"        //     tfhd default-base-is-moof, track 1
                + "00000014" + "74666474" + "01000000" + "0000000000000000" // tfdt v1, 0
                + "00000034" + "7472756e" + "00000f01" + "00000002"        //     trun: offset, dur, size, flags, cto
                + "00000080"                                               //       data offset 128 = moof + 8
                + "00000e10" + "00000008" + "02000000" + "00000e10"        //       3600, 8 bytes, sync, pts +3600
                + "00000e10" + "00000007" + "01010000" + "00000000"        //       3600 (to next dts), non-sync
                + "00000017" + "6d646174"                                  // mdat, 23 bytes
                + "00000004" + "65888400"                                  //   IDR (the AUD dropped)
                + "00000003" + "419a02";                                   //   P slice
        assertThat(ByteBufUtil.hexDump(f.content())).isEqualTo(expected);
        assertThat(f.sequenceNumber()).isEqualTo(1);
        assertThat(f.runs()).containsExactly(new Fmp4Fragment.Run(0, 90_000, 0, 7200, 2, true));
        assertThat(f.independent()).isTrue();
        assertThat(writer.nextSequenceNumber()).isEqualTo(2);
        assertThat(((CompositeByteBuf) f.content()).numComponents()).isEqualTo(5);
        f.release();
        leaks.assertAllReleased();
    }

    @Test
    void payloadIsSlicesOfTheAccessUnitsNotCopies() {
        Fmp4TestMedia.Units sample = Fmp4TestMedia.video(SampleMedia.H264_1080P25, 0);
        List<AccessUnit> units = sample.units();
        List<Long> addresses = new ArrayList<>();
        for (AccessUnit au : units.subList(0, 50)) {
            for (int i = 0; i < au.unitCount(); i++) {
                if (au.unit(i).getByte(au.unit(i).readerIndex()) != 0x09) {
                    addresses.add(au.unit(i).memoryAddress() + au.unit(i).readerIndex());
                }
            }
        }
        long payloadBytes = units.subList(0, 50).stream().mapToLong(au -> au.size() - audBytes(au)).sum();
        Fmp4FragmentWriter writer = new Fmp4FragmentWriter(List.of(H264_TRACK), ByteBufAllocator.DEFAULT);
        units.subList(0, 50).forEach(writer::add);
        Fmp4Fragment f = writer.flush(0, units.get(50).dts());
        CompositeByteBuf content = (CompositeByteBuf) f.content();
        List<Long> payload = new ArrayList<>();
        long newBytes = 0;
        for (int c = 1; c < content.numComponents(); c++) {
            ByteBuf component = content.internalComponent(c);
            if (c % 2 == 1) {
                assertThat(component.readableBytes()).isEqualTo(4);
                newBytes += 4;
            } else {
                assertThat(component.hasMemoryAddress()).isTrue();
                payload.add(component.memoryAddress() + component.readerIndex());
            }
        }
        assertThat(payload).isEqualTo(addresses);
        long sampleBytes = f.content().readableBytes() - content.internalComponent(0).readableBytes();
        assertThat(sampleBytes - newBytes).as("payload bytes, all shared with the sample buffer")
                .isEqualTo(payloadBytes);

        sample.releaseStream();
        assertThat(sample.stream().refCnt()).as("the fragment keeps the sample's memory alive").isPositive();
        f.release();
        units.subList(50, units.size()).forEach(AccessUnit::release);
        LeakCheck.assertReleased(units);
        assertThat(sample.stream().refCnt()).isZero();
    }

    @Test
    void lastSampleDurationComesFromNextDtsThenPreviousThenLastWrittenThenFallback() {
        Fmp4FragmentWriter writer = new Fmp4FragmentWriter(List.of(H264_TRACK, AAC_TRACK), ByteBufAllocator.DEFAULT);
        writer.add(video(1000, 1000, true, "6588"));
        writer.add(audio(500));
        Fmp4Fragment first = writer.flush();
        assertThat(durations(first)).as("fallbacks: 1/25 s of video, one AAC frame").containsExactly(3600L, 1024L);
        first.release();

        writer.add(video(4000, 4000, false, "4188"));
        writer.add(video(7000, 7000, false, "4188"));
        writer.add(audio(1524));
        Fmp4Fragment second = writer.flush();
        assertThat(durations(second)).as("previous sample's duration; last written").containsExactly(3000L, 3000L,
                1024L);
        second.release();

        writer.add(video(10_000, 10_000, false, "4188"));
        writer.add(audio(2548));
        Fmp4Fragment third = writer.flush(0, 13_500);
        assertThat(durations(third)).as("the next dts given").containsExactly(3500L, 1024L);
        third.release();

        writer.add(video(13_500, 13_500, false, "4188"));
        Fmp4Fragment fourth = writer.flush(1, 99_999);
        assertThat(durations(fourth)).as("next dts of another track: last written").containsExactly(3500L);
        assertThat(fourth.runs()).hasSize(1);
        assertThat(fourth.independent()).isFalse();
        fourth.release();
        leaks.assertAllReleased();
    }

    @Test
    void negativeCompositionOffsetsUseTrunVersion1() {
        Fmp4FragmentWriter writer = new Fmp4FragmentWriter(List.of(H264_TRACK), ByteBufAllocator.DEFAULT);
        writer.add(video(0, 0, true, "6588"));
        writer.add(video(3600, 0, false, "4188"));
        Fmp4Fragment f = writer.flush();
        ByteBuf bytes = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(f.content()));
        Mp4Box trun = Mp4BoxReader.read(bytes).get(0).find("traf/trun");
        assertThat(bytes.getInt((int) trun.payloadOffset())).isEqualTo(0x01000f01);
        assertThat(bytes.getInt((int) trun.end() - 4)).isEqualTo(-3600);
        bytes.release();
        f.release();
        leaks.assertAllReleased();
    }

    @Test
    void rejectsOutOfOrderAndEmptyUnitsReleasingThem() {
        Fmp4FragmentWriter writer = new Fmp4FragmentWriter(List.of(H264_TRACK), ByteBufAllocator.DEFAULT);
        assertThat(writer.add(video(3600, 3600, true, "6588"))).isTrue();
        assertThat(writer.add(video(3600, 3600, false, "4188"))).as("same dts").isFalse();
        assertThat(writer.add(video(0, 0, false, "4188"))).as("earlier dts").isFalse();
        assertThat(writer.add(video(7200, 7200, false, "09f0"))).as("an AUD alone").isFalse();
        assertThat(writer.add(video(3600 + (1L << 32), 3600 + (1L << 32), false, "4188"))).as("13 h gap").isFalse();
        assertThat(writer.add(video(7200, 7200 + (1L << 31), false, "4188"))).as("pts - dts over 32 bits")
                .isFalse();
        assertThatThrownBy(() -> writer.add(audio(0))).isInstanceOf(IllegalArgumentException.class);
        assertThat(writer.pendingSamples(0)).isEqualTo(1);
        writer.flush().release();
        assertThat(writer.add(video(3600, 3600, false, "4188"))).as("not after the last written").isFalse();
        assertThatThrownBy(writer::flush).isInstanceOf(IllegalStateException.class);
        leaks.assertAllReleased();
    }

    @Test
    void closeReleasesWhatIsPending() {
        Fmp4FragmentWriter writer = new Fmp4FragmentWriter(List.of(H264_TRACK, AAC_TRACK), 7,
                ByteBufAllocator.DEFAULT);
        writer.add(video(0, 0, true, "6588"));
        writer.add(audio(0));
        assertThat(writer.nextSequenceNumber()).isEqualTo(7);
        writer.close();
        assertThat(writer.hasPending()).isFalse();
        leaks.assertAllReleased();
        assertThatThrownBy(() -> new Fmp4FragmentWriter(List.of(AAC_TRACK), ByteBufAllocator.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lowLatencyPartsOfFiveFramesValidate() {
        Fmp4TestMedia.Units sample = Fmp4TestMedia.video(SampleMedia.H265_360P25, 0).releaseStream();
        Fmp4InitSegment init = Fmp4InitSegment.write(List.of(Fmp4TestMedia.format(SampleMedia.H265_360P25)),
                ByteBufAllocator.DEFAULT);
        Fmp4FragmentWriter writer = new Fmp4FragmentWriter(init.tracks(), ByteBufAllocator.DEFAULT);
        CompositeByteBuf file = Unpooled.compositeBuffer(Integer.MAX_VALUE);
        file.addComponent(true, init.content());
        List<Boolean> independent = new ArrayList<>();
        for (AccessUnit au : sample.units()) {
            if (writer.pendingSamples(0) == 5) {
                Fmp4Fragment part = writer.flush(0, au.dts());
                independent.add(part.independent());
                file.addComponent(true, part.content());
            }
            writer.add(au);
        }
        file.addComponent(true, writer.flush().content());
        Mp4Structure s = Mp4Structure.validate(file);
        assertThat(s.fragments()).hasSize(20);
        assertThat(s.samples(1)).hasSize(100).allMatch(x -> x.duration() == 3600);
        assertThat(independent.indexOf(true)).isZero();
        assertThat(independent.lastIndexOf(true)).isEqualTo(10);
        assertThat(independent.stream().filter(b -> b)).hasSize(2);
        file.release();
        LeakCheck.assertReleased(sample.units());
    }

    private static List<Long> durations(Fmp4Fragment f) {
        ByteBuf bytes = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(f.content()));
        List<Long> out = new ArrayList<>();
        Mp4Box moof = Mp4BoxReader.read(bytes).get(0);
        Mp4Box mdat = Mp4BoxReader.read(bytes).get(1);
        Fmp4FragmentReader.read(bytes, moof, mdat).runs().forEach(r -> r.samples().forEach(s -> out.add(s.duration())));
        bytes.release();
        return out;
    }

    private static int audBytes(AccessUnit au) {
        int n = 0;
        for (int i = 0; i < au.unitCount(); i++) {
            n += au.unit(i).getByte(au.unit(i).readerIndex()) == 0x09 ? au.unit(i).readableBytes() : 0;
        }
        return n;
    }

    private AccessUnit video(long dts, long pts, boolean key, String... nals) {
        ByteBuf[] units = new ByteBuf[nals.length];
        for (int i = 0; i < nals.length; i++) {
            units[i] = Unpooled.wrappedBuffer(Hex.bytes(nals[i]));
        }
        return leaks.track(AccessUnit.of(0, Codec.H264, pts, dts, key, units, units.length, 0L));
    }

    private AccessUnit audio(long pts) {
        return leaks.track(AccessUnit.of(1, Codec.AAC, pts, true, Unpooled.wrappedBuffer(Hex.bytes("21100540")), 0L));
    }
}
