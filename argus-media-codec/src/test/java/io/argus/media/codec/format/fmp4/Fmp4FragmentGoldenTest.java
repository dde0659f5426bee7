package io.argus.media.codec.format.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.format.fmp4.Mp4Structure.Fragment;
import io.argus.media.codec.format.fmp4.Mp4Structure.Run;
import io.argus.media.codec.format.fmp4.Mp4Structure.Sample;
import io.argus.media.codec.testing.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden table: moof + mdat bytes → what {@link Fmp4FragmentReader} reads (from a whole file and from a moof and
 * its mdat's header alone, as playback does), and {@link Fmp4FragmentRewriter} both ways: to new numbers and back
 * to the golden bytes. The writer case is also encoded: {@link Fmp4FragmentWriter} writes those bytes. Then one
 * damaged moof per check of the reader and the rewriter.
 */
class Fmp4FragmentGoldenTest {

    /** Every per-sample field, trun version 1 with a negative composition offset, tfdt version 1. */
    static final String ALL_FIELDS = ""
            + "00000078" + "6d6f6f66"                                       // moof, 120 bytes
            + "00000010" + "6d666864" + "00000000" + "00000007"             //   mfhd, sequence 7
            + "00000060" + "74726166"                                       //   traf
            + "00000010" + "74666864" + "00020000" + "00000001"             //     tfhd default-base-is-moof, track 1
            + "00000014" + "74666474" + "01000000" + "0000000000015f90"     //     tfdt v1, 90000
            + "00000034" + "7472756e" + "01000f01" + "00000002"             //     trun v1: offset, dur, size, flags,
            + "00000080"                                                    //       cto; data offset 128
            + "00000e10" + "00000005" + "02000000" + "00000000"             //       3600, 5 bytes, sync, cto 0
            + "00000e10" + "00000003" + "01010000" + "fffff1f0"             //       3600, 3 bytes, non-sync, -3600
            + "00000010" + "6d646174" + "0102030405060708";                 // mdat, 16 bytes
    /** Defaults from the tfhd (with a sample description index), first-sample flags, tfdt version 0, largesize. */
    static final String TFHD_DEFAULTS = ""
            + "00000068" + "6d6f6f66"                                       // moof, 104 bytes
            + "00000010" + "6d666864" + "00000000" + "00000008"             //   mfhd, sequence 8
            + "00000050" + "74726166"                                       //   traf
            + "00000020" + "74666864" + "0002003a" + "00000002"             //     tfhd: index, dur, size, flags; trk 2
            + "00000001" + "00000400" + "00000004" + "01010000"             //       index 1, 1024, 4 bytes, non-sync
            + "00000010" + "74666474" + "00000000" + "0000bb80"             //     tfdt v0, 48000
            + "00000018" + "7472756e" + "00000005" + "00000003"             //     trun: offset, first flags; 3
            + "00000078" + "02000000"                                       //       data offset 120, first sync
            + "00000001" + "6d646174" + "000000000000001c"                  // mdat, largesize 28 bytes
            + "1112131415161718191a1b1c";
    /** Two trafs whose data lie in the other order; the first has two truns back to back: one run. */
    static final String TWO_TRUNS = ""
            + "000000c4" + "6d6f6f66"                                       // moof, 196 bytes
            + "00000010" + "6d666864" + "00000000" + "00000009"             //   mfhd, sequence 9
            + "00000064" + "74726166"                                       //   traf
            + "00000010" + "74666864" + "00020000" + "00000001"             //     tfhd, track 1
            + "00000014" + "74666474" + "01000000" + "0000000000000000"     //     tfdt v1, 0
            + "0000001c" + "7472756e" + "00000301" + "00000001"             //     trun: offset, dur, size; 1
            + "000000ce" + "00000e10" + "00000003"                          //       at 206, 3600, 3 bytes
            + "0000001c" + "7472756e" + "00000301" + "00000001"             //     trun
            + "000000d1" + "00000e10" + "00000002"                          //       at 209, 3600, 2 bytes
            + "00000048" + "74726166"                                       //   traf
            + "00000018" + "74666864" + "00020018" + "00000002"             //     tfhd: dur, size; track 2
            + "00000400" + "00000002"                                       //       1024, 2 bytes
            + "00000014" + "74666474" + "01000000" + "0000000000000000"     //     tfdt v1, 0
            + "00000014" + "7472756e" + "00000001" + "00000001"             //     trun: offset; 1
            + "000000cc"                                                    //       at 204
            + "0000000f" + "6d646174" + "a1a2" + "b1b2b3" + "c1c2";         // mdat: audio, video, video
    /** What {@link Fmp4FragmentWriter} writes for two H.264 frames and two AAC frames ({@link #writeWriterCase}). */
    static final String WRITER = ""
            + "000000d0" + "6d6f6f66"                                       // moof, 208 bytes
            + "00000010" + "6d666864" + "00000000" + "00000001"             //   mfhd, sequence 1
            + "00000060" + "74726166"                                       //   traf
            + "00000010" + "74666864" + "00020000" + "00000001"             //     tfhd, track 1
            + "00000014" + "74666474" + "01000000" + "0000000000000000"     //     tfdt v1, 0
            + "00000034" + "7472756e" + "00000f01" + "00000002"             //     trun v0, all fields; 2
            + "000000d8"                                                    //       at 216
            + "00000e10" + "00000008" + "02000000" + "00000e10"             //       3600, 8 bytes, sync, +3600
            + "00000e10" + "00000007" + "01010000" + "00000000"             //       3600, 7 bytes, non-sync, 0
            + "00000058" + "74726166"                                       //   traf
            + "00000010" + "74666864" + "00020000" + "00000002"             //     tfhd, track 2
            + "00000014" + "74666474" + "01000000" + "0000000000000000"     //     tfdt v1, 0
            + "0000002c" + "7472756e" + "00000701" + "00000002"             //     trun: offset, dur, size, flags
            + "000000e7"                                                    //       at 231
            + "00000400" + "00000002" + "02000000"                          //       1024, 2 bytes, sync
            + "00000400" + "00000002" + "02000000"                          //       1024, 2 bytes, sync
            + "0000001b" + "6d646174"                                       // mdat, 27 bytes
            + "00000004" + "65888400" + "00000003" + "419a02"               //   IDR, P slice
            + "2110" + "2110";                                              //   two AAC frames

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of("every per-sample field, negative composition offset", ALL_FIELDS,
                        new Fragment(0, 136, 7, List.of(new Run(1, 90_000, 128, List.of(
                                new Sample(3600, 5, 0x02000000, 0), new Sample(3600, 3, 0x01010000, -3600)))))),
                Arguments.of("tfhd defaults, first-sample flags, tfdt v0, largesize mdat", TFHD_DEFAULTS,
                        new Fragment(0, 132, 8, List.of(new Run(2, 48_000, 120, List.of(
                                new Sample(1024, 4, 0x02000000, 0), new Sample(1024, 4, 0x01010000, 0),
                                new Sample(1024, 4, 0x01010000, 0)))))),
                Arguments.of("two truns of a traf are one run; data in the other order than the trafs", TWO_TRUNS,
                        new Fragment(0, 211, 9, List.of(
                                new Run(1, 0, 206, List.of(new Sample(3600, 3, 0, 0), new Sample(3600, 2, 0, 0))),
                                new Run(2, 0, 204, List.of(new Sample(1024, 2, 0, 0)))))),
                Arguments.of("what the fragment writer writes: H.264 and AAC", WRITER,
                        new Fragment(0, 235, 1, List.of(
                                new Run(1, 0, 216, List.of(new Sample(3600, 8, 0x02000000, 3600),
                                        new Sample(3600, 7, 0x01010000, 0))),
                                new Run(2, 0, 231, List.of(new Sample(1024, 2, 0x02000000, 0),
                                        new Sample(1024, 2, 0x02000000, 0)))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void readsGoldenFragment(String name, String hex, Fragment expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(Hex.bytes(hex));
        List<Mp4Box> boxes = Mp4BoxReader.read(buf);
        assertThat(Fmp4FragmentReader.read(buf, boxes.get(0), boxes.get(1))).as("in a file").isEqualTo(expected);
        Mp4Box mdat = boxes.get(1);
        ByteBuf moof = buf.slice(0, (int) mdat.offset());
        assertThat(Fmp4FragmentReader.read(moof, mdat.headerSize(), mdat.size())).as("moof and mdat header")
                .isEqualTo(expected);
        assertThat(ByteBufUtil.hexDump(buf)).as("borrowed, unchanged").isEqualTo(hex);
        assertThat(buf.readerIndex()).isZero();
        buf.release();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void rewritesInPlaceAndBack(String name, String hex, Fragment expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(Hex.bytes(hex));
        Mp4Box mdat = Mp4BoxReader.read(buf).get(1);
        ByteBuf moof = buf.slice(0, (int) mdat.offset());
        Fmp4FragmentRewriter.rewrite(moof, expected.sequenceNumber() + 100, (track, tfdt) -> tfdt + 1_000L * track);

        List<Run> moved = expected.runs().stream().map(r -> new Run(r.trackId(),
                r.baseMediaDecodeTime() + 1_000L * r.trackId(), r.dataOffset(), r.samples())).toList();
        assertThat(Fmp4FragmentReader.read(moof, mdat.headerSize(), mdat.size())).isEqualTo(new Fragment(
                expected.offset(), expected.end(), expected.sequenceNumber() + 100, moved));
        assertThat(changedBytes(hex, buf)).as("the sequence number's last byte, two bytes of each tfdt, nothing else")
                .isEqualTo(1 + 2 * expected.runs().size());
        assertThat(buf.readerIndex()).isZero();
        assertThat(buf.writerIndex()).isEqualTo(hex.length() / 2);

        Fmp4FragmentRewriter.rewrite(moof, -1, (track, tfdt) -> tfdt - 1_000L * track);
        assertThat(Fmp4FragmentReader.read(moof, mdat.headerSize(), mdat.size()).sequenceNumber())
                .as("a negative sequence number keeps it").isEqualTo(expected.sequenceNumber() + 100);
        Fmp4FragmentRewriter.rewrite(moof, expected.sequenceNumber(), (track, tfdt) -> tfdt);
        assertThat(ByteBufUtil.hexDump(buf)).as("back to the golden bytes").isEqualTo(hex);
        buf.release();
    }

    @Test
    void writeWriterCase() {
        Fmp4Track h264 = new Fmp4Track(1, new MediaFormat.H264(Hex.bytes("67"), Hex.bytes("68")), 90_000,
                "avc1.640028", 1920, 1080);
        Fmp4Track aac = new Fmp4Track(2, new MediaFormat.Aac(Hex.bytes("1190"), 48_000, 2), 48_000, "mp4a.40.2", 0,
                0);
        try (Fmp4FragmentWriter writer = new Fmp4FragmentWriter(List.of(h264, aac), ByteBufAllocator.DEFAULT)) {
            writer.add(AccessUnit.of(0, Codec.H264, 3600, 0, true, new ByteBuf[] {
                    Unpooled.wrappedBuffer(Hex.bytes("65888400"))}, 1, 0L));
            writer.add(AccessUnit.of(0, Codec.H264, 3600, 3600, false, new ByteBuf[] {
                    Unpooled.wrappedBuffer(Hex.bytes("419a02"))}, 1, 0L));
            writer.add(AccessUnit.of(1, Codec.AAC, 0, true, Unpooled.wrappedBuffer(Hex.bytes("2110")), 0L));
            writer.add(AccessUnit.of(1, Codec.AAC, 1024, true, Unpooled.wrappedBuffer(Hex.bytes("2110")), 0L));
            Fmp4Fragment f = writer.flush(0, 7200);
            assertThat(ByteBufUtil.hexDump(f.content())).isEqualTo(WRITER);
            f.release();
        }
    }

    static Stream<Arguments> damaged() {
        return Stream.of(
                damage("moof does not start with mfhd", ALL_FIELDS, "moof does not start with mfhd", 12, "66726565"),
                damage("mfhd version/flags", ALL_FIELDS, "mfhd version/flags not 0", 16, "01000000"),
                Arguments.of("mfhd with spare bytes", "0000001c6d6f6f66" + "000000146d666864000000000000000700000000"
                        + "000000086d646174", "mfhd has 4 unexpected bytes"),
                damage("not a traf in the moof", ALL_FIELDS, "unexpected free in moof", 28, "66726565"),
                Arguments.of("moof without traf", "000000186d6f6f66" + "000000106d6668640000000000000007"
                        + "000000086d646174", "moof without track runs"),
                damage("traf without tfhd", ALL_FIELDS, "traf without tfhd", 36, "66726565"),
                damage("tfhd without default-base-is-moof", ALL_FIELDS, "default-base-is-moof only", 40, "00000000"),
                damage("tfhd with a base data offset", ALL_FIELDS, "default-base-is-moof only", 40, "00020001"),
                damage("tfhd version 1", ALL_FIELDS, "tfhd must be version 0", 40, "01020000"),
                damage("tfhd shorter than its flags say", ALL_FIELDS, "tfhd too short", 40, "00020008"),
                damage("tfhd longer than its flags say", TFHD_DEFAULTS, "tfhd has 4 unexpected bytes", 40,
                        "0002001a"),
                damage("traf without tfdt", ALL_FIELDS, "traf without tfdt", 52, "66726565"),
                damage("tfdt version 2", ALL_FIELDS, "tfdt version 2", 56, "02000000"),
                damage("tfdt time past 2^63", ALL_FIELDS, "tfdt version 1 or time out of range", 60,
                        "8000000000000000"),
                damage("tfdt longer than its version says", ALL_FIELDS, "tfdt has 4 unexpected bytes", 56, "00000000"),
                damage("traf without trun", ALL_FIELDS, "traf without trun", 72, "66726565"),
                damage("trun without a data offset", ALL_FIELDS, "exactly 32 bytes of fields (has 36)", 76,
                        "01000f00"),
                damage("trun version 2", ALL_FIELDS, "trun needs version 0/1", 76, "02000f01"),
                damage("trun of no sample", ALL_FIELDS, "samples (has 0)", 80, "00000000"),
                damage("trun over MAX_RUN_SAMPLES", ALL_FIELDS, "1 to 1000000 samples (has 1000001)", 80, "000f4241"),
                damage("trun fields short of its sample count", ALL_FIELDS, "exactly 52 bytes of fields (has 36)",
                        80, "00000003"),
                damage("sample without a duration", TWO_TRUNS, "sample 0 without a duration", 140, "00020030"),
                damage("sample of no bytes", ALL_FIELDS, "sample 0 without a duration or with no bytes", 92,
                        "00000000"),
                damage("run not where the mdat payload starts", ALL_FIELDS,
                        "run of track 1 starts at 129, expected 128", 84, "00000081"),
                damage("runs overlap", TWO_TRUNS, "run of track 1 starts at 205, expected 206", 84, "000000cd",
                        112, "000000d0"),
                damage("sample sizes short of the mdat", ALL_FIELDS, "sample sizes end at 135, mdat at 136", 108,
                        "00000002"),
                damage("truns of a traf apart", TWO_TRUNS,
                        "trun of track 1 starts at 209, not where the traf's trun before it ended (207)",
                        84, "000000cc", 188, "000000cf"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damaged")
    void refusesDamagedMoof(String name, String hex, String message) {
        ByteBuf buf = Unpooled.wrappedBuffer(Hex.bytes(hex));
        List<Mp4Box> boxes = Mp4BoxReader.read(buf);
        assertThatThrownBy(() -> Fmp4FragmentReader.read(buf, boxes.get(0), boxes.get(1)))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining(message);
        Mp4Box mdat = boxes.get(1);
        assertThatThrownBy(() -> Fmp4FragmentReader.read(buf.slice(0, (int) mdat.offset()), mdat.headerSize(),
                mdat.size())).isInstanceOf(Mp4FormatException.class).hasMessageContaining(message);
        buf.release();
    }

    @Test
    void refusesBytesThatAreNotOneMoofAndAnImpossibleMdat() {
        ByteBuf buf = Unpooled.wrappedBuffer(Hex.bytes(ALL_FIELDS));
        assertThatThrownBy(() -> Fmp4FragmentReader.read(buf, 8, 16)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("expected one moof");
        assertThatThrownBy(() -> Fmp4FragmentReader.read(buf.slice(120, 16), 8, 16))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("expected one moof");
        assertThatThrownBy(() -> Fmp4FragmentReader.read(buf.slice(0, 120), 8, 4))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("an mdat of 4 bytes");
        buf.release();
    }

    @Test
    void rewriteRefusesWhatItCannotWriteAndLeavesTheMoofAsItWas() {
        ByteBuf v0 = Unpooled.wrappedBuffer(Hex.bytes(TFHD_DEFAULTS)).slice(0, 104);
        assertThatThrownBy(() -> Fmp4FragmentRewriter.rewrite(v0, 1, (track, tfdt) -> 1L << 32))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("does not fit a version 0 tfdt");
        assertThat(ByteBufUtil.hexDump(v0)).isEqualTo(TFHD_DEFAULTS.substring(0, 208));
        ByteBuf v1 = Unpooled.wrappedBuffer(Hex.bytes(TWO_TRUNS)).slice(0, 196);
        assertThatThrownBy(() -> Fmp4FragmentRewriter.rewrite(v1, 1, (track, tfdt) -> track == 2 ? -1 : 5))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("does not fit a version 1 tfdt");
        assertThatThrownBy(() -> Fmp4FragmentRewriter.rewrite(v1, 1L << 32, (track, tfdt) -> tfdt))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bits");
        assertThat(ByteBufUtil.hexDump(v1)).as("nothing written").isEqualTo(TWO_TRUNS.substring(0, 392));
        ByteBuf based = Unpooled.wrappedBuffer(Hex.bytes(ALL_FIELDS)).slice(0, 120);
        based.setInt(40, 0);
        assertThatThrownBy(() -> Fmp4FragmentRewriter.rewrite(based, 1, (track, tfdt) -> tfdt))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("default-base-is-moof");
        v0.release();
        v1.release();
        based.release();
    }

    /** A golden case with {@code (offset, hex)} pairs written over it. */
    private static Arguments damage(String name, String golden, String message, Object... patches) {
        StringBuilder hex = new StringBuilder(golden);
        for (int i = 0; i < patches.length; i += 2) {
            int at = 2 * (int) patches[i];
            String with = (String) patches[i + 1];
            hex.replace(at, at + with.length(), with);
        }
        return Arguments.of(name, hex.toString(), message);
    }

    /** How many bytes of {@code buf} differ from {@code hex}. */
    private static int changedBytes(String hex, ByteBuf buf) {
        byte[] golden = Hex.bytes(hex);
        int n = 0;
        for (int i = 0; i < golden.length; i++) {
            n += golden[i] != buf.getByte(i) ? 1 : 0;
        }
        return n;
    }
}
