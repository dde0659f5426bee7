package io.argus.media.codec.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.testing.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Decode (and, where writable, encode byte-exact) every golden compound; garbage never throws. */
class RtcpParserTest {

    static final List<RtcpGolden.Case> CASES = RtcpGolden.CASES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void decodesGolden(RtcpGolden.Case c) {
        byte[] bytes = Hex.bytes(c.hex());
        byte[] before = bytes.clone();
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            RtcpCompound parsed = RtcpParser.parse(buf);
            assertThat(parsed.status()).isEqualTo(RtcpStatus.OK);
            assertThat(parsed.packets()).isEqualTo(c.packets());
            assertThat(buf.readerIndex()).as("reader index unchanged").isZero();
            assertThat(bytes).as("input unchanged").isEqualTo(before);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void encodesGoldenByteExact(RtcpGolden.Case c) {
        if (!c.writable()) {
            return;
        }
        ByteBuf out = Unpooled.buffer();
        try {
            c.packets().forEach(p -> RtcpWriter.write(out, p));
            assertThat(Hex.of(bytes(out))).isEqualTo(c.hex().replace(" ", ""));
        } finally {
            out.release();
        }
    }

    @Test
    void senderAndReceiverCompoundsFromPrimitivesMatchTheGoldenOnes() {
        ByteBuf out = Unpooled.buffer();
        try {
            byte[] cname = "argus".getBytes();
            RtcpWriter.writeSenderReport(out, RtcpGolden.CAMERA, RtcpGolden.NTP, 90_000, 10, 10_000, cname);
            assertThat(out.readableBytes()).isEqualTo(RtcpWriter.senderReportLength(cname));
            assertThat(Hex.of(bytes(out))).isEqualTo(RtcpGolden.CASES.get(0).hex().replace(" ", ""));
            out.clear();
            RtcpReceiverReport rr = (RtcpReceiverReport) RtcpGolden.CASES.get(1).packets().get(0);
            RtcpWriter.writeReceiverReport(out, RtcpGolden.READER, rr.reports(), "rx".getBytes());
            assertThat(out.readableBytes()).isEqualTo(RtcpWriter.receiverReportLength(1, "rx".getBytes()));
            assertThat(Hex.of(bytes(out))).isEqualTo(RtcpGolden.CASES.get(1).hex().replace(" ", ""));
        } finally {
            out.release();
        }
    }

    @Test
    void cnameLengthsPadToAWordWithAtLeastOneNullOctet() {
        for (int n = 0; n <= RtcpSourceDescription.MAX_ITEM_LENGTH; n++) {
            byte[] cname = new byte[n];
            Arrays.fill(cname, (byte) 'a');
            ByteBuf out = Unpooled.buffer();
            try {
                RtcpWriter.writeSenderReport(out, 1, 2, 3, 4, 5, cname);
                assertThat(out.readableBytes() % 4).isZero();
                assertThat(out.getByte(out.writerIndex() - 1)).isZero();
                RtcpCompound parsed = RtcpParser.parse(out);
                assertThat(parsed.status()).isEqualTo(RtcpStatus.OK);
                assertThat(((RtcpSourceDescription) parsed.packets().get(1)).chunks().get(0).cname())
                        .isEqualTo(new String(cname));
            } finally {
                out.release();
            }
        }
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("empty datagram", "", RtcpStatus.EMPTY, 0),
                Arguments.of("three bytes", "80c900", RtcpStatus.TRUNCATED, 0),
                Arguments.of("version 1", "40c90001 0badcafe", RtcpStatus.BAD_VERSION, 0),
                Arguments.of("length past the end", "80c90002 0badcafe", RtcpStatus.TRUNCATED, 0),
                Arguments.of("SR claiming two blocks in a blockless length",
                        "82c80006 12345678 e8f1a2b3 40000000 00015f90 0000000a 00002710", RtcpStatus.MALFORMED, 0),
                Arguments.of("padding count zero", "a0c90001 0badca00", RtcpStatus.BAD_PADDING, 0),
                Arguments.of("padding larger than the packet", "a0c90001 0badcaff", RtcpStatus.BAD_PADDING, 0),
                Arguments.of("valid RR then a truncated second packet", "80c90001 0badcafe 81ca", RtcpStatus.TRUNCATED,
                        1),
                Arguments.of("SDES item running past its packet", "81ca0003 12345678 0109616263",
                        RtcpStatus.TRUNCATED, 0),
                Arguments.of("SDES item length past the packet", "81ca0002 12345678 01096162",
                        RtcpStatus.MALFORMED, 0),
                Arguments.of("SDES chunk without its end item", "81ca0002 12345678 01026162",
                        RtcpStatus.MALFORMED, 0),
                Arguments.of("BYE reason past the packet", "81cb0002 12345678 09627965", RtcpStatus.MALFORMED, 0),
                Arguments.of("RTP packet sent to the RTCP port", "80600001 00000000 12345678 65b80000",
                        RtcpStatus.BAD_VERSION, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageEndsWithAStatusAndKeepsWhatCameBefore(String name, String hex, RtcpStatus status, int packets) {
        ByteBuf buf = Unpooled.wrappedBuffer(Hex.bytes(hex));
        try {
            RtcpCompound parsed = RtcpParser.parse(buf);
            assertThat(parsed.status()).isEqualTo(status);
            assertThat(parsed.packets()).hasSize(packets);
        } finally {
            buf.release();
        }
    }

    /** Every truncation, bit flip and random byte of every golden case: a status, never an exception. */
    @Test
    void fuzzNeverThrows() {
        Random random = new Random(5);
        int[] statuses = new int[RtcpStatus.values().length];
        for (RtcpGolden.Case c : RtcpGolden.CASES) {
            byte[] bytes = Hex.bytes(c.hex());
            for (int len = 0; len <= bytes.length; len++) {
                statuses[parse(Arrays.copyOf(bytes, len)).ordinal()]++;
            }
            for (int i = 0; i < 2000; i++) {
                byte[] m = Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length + 8));
                for (int k = random.nextInt(4); k >= 0; k--) {
                    m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
                }
                if (random.nextInt(4) == 0) {
                    m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                }
                statuses[parse(m).ordinal()]++;
            }
        }
        assertThat(statuses[RtcpStatus.OK.ordinal()]).isPositive();
        assertThat(statuses[RtcpStatus.TRUNCATED.ordinal()]).isPositive();
        assertThat(statuses[RtcpStatus.MALFORMED.ordinal()]).isPositive();
    }

    private static RtcpStatus parse(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return RtcpParser.parse(buf).status();
        } finally {
            buf.release();
        }
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] a = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), a);
        return a;
    }
}
