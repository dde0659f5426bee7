package io.argus.media.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chunk streams into messages (§5.3), through an EmbeddedChannel, from hand-written chunk bytes. */
class RtmpChunkDecoderTest {

    record Message(int type, int streamId, long timestamp, String payload) {
    }

    final List<Message> messages = new ArrayList<>();
    final RtmpChunkDecoder decoder = new RtmpChunkDecoder((type, streamId, timestamp, payload) -> {
        messages.add(new Message(type, streamId, timestamp, ByteBufUtil.hexDump(payload)));
        payload.release();
    });
    final EmbeddedChannel channel = new EmbeddedChannel(decoder);
    final List<ByteBuf> inputs = new ArrayList<>();

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
        for (ByteBuf in : inputs) {
            assertThat(in.refCnt()).as("every read released, with the slices taken of it").isZero();
        }
    }

    void write(String hex) {
        ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
        inputs.add(in);
        channel.writeInbound(in);
    }

    static String bytes(int n, int value) {
        return String.format("%02x", value).repeat(n);
    }

    @Test
    void typeZeroThenThreeSplitsAMessageAtTheChunkSize() {
        // csid 6, fmt 0: ts 1000, length 200, video, stream 1 (little-endian); 128 bytes, then a type 3 chunk
        write("06 0003e8 0000c8 09 01000000" + bytes(128, 0xaa) + "c6" + bytes(72, 0xbb));
        assertThat(messages).containsExactly(new Message(9, 1, 1000, bytes(128, 0xaa) + bytes(72, 0xbb)));
    }

    @Test
    void typesOneTwoAndThreeAddTheirDeltas() {
        write("04 000064 000002 08 01000000 af01"); // fmt 0: ts 100
        write("44 000014 000003 08 af01ff");        // fmt 1: +20, length 3
        write("84 000015 af01ee");                  // fmt 2: +21, same length and type
        write("c4 af01dd");                         // fmt 3, new message: +21 again
        assertThat(messages).extracting(Message::timestamp).containsExactly(100L, 120L, 141L, 162L);
        assertThat(messages).extracting(Message::streamId).containsOnly(1);
        assertThat(messages.get(3).payload()).isEqualTo("af01dd");
    }

    @Test
    void aTypeThreeAfterTypeZeroTakesItsTimestampAsTheDelta() {
        write("05 000028 000001 12 01000000 aa c5 bb");
        assertThat(messages).extracting(Message::timestamp).containsExactly(40L, 80L);
    }

    @Test
    void extendedTimestampsAlsoOnTypeThreeContinuations() {
        // ts 0x01000000 (over 24 bits): field 0xffffff then 4 bytes; the type 3 continuation repeats them
        write("06 ffffff 0000c8 09 01000000 01000000" + bytes(128, 1) + "c6 01000000" + bytes(72, 2));
        assertThat(messages).containsExactly(new Message(9, 1, 0x01000000L, bytes(128, 1) + bytes(72, 2)));
    }

    @Test
    void interleavedChunkStreamsAndTwoAndThreeByteChunkStreamIds() {
        write("02 000000 000004 01 00000000 00000004"); // Set Chunk Size 4, applied by the decoder
        write("00 00 000000 000006 09 01000000 01020304");  // csid 64: 6 bytes, first chunk
        write("01 0001 000000 000005 08 01000000 0a0b0c0d"); // csid 320: 5 bytes, first chunk
        write("c0 00 0506");                                   // csid 64 again, done
        write("c1 0001 0e");                                   // csid 320 again, done
        assertThat(messages).containsExactly(new Message(9, 1, 0, "010203040506"),
                new Message(8, 1, 0, "0a0b0c0d0e"));
        assertThat(decoder.chunkSize()).isEqualTo(4);
    }

    @Test
    void bytesSplitAnywhereGiveTheSameMessages() {
        String stream = "02 000000 000004 01 00000000 00000080 06 0003e8 0000c8 09 01000000" + bytes(128, 0xaa)
                + "c6" + bytes(72, 0xbb) + "46 000028 000003 09 abcdef";
        byte[] all = HexFormat.of().parseHex(stream.replace(" ", ""));
        for (int i = 0; i < all.length; i += 7) {
            write(HexFormat.of().formatHex(all, i, Math.min(all.length, i + 7)));
        }
        assertThat(messages).containsExactly(new Message(9, 1, 1000, bytes(128, 0xaa) + bytes(72, 0xbb)),
                new Message(9, 1, 1040, "abcdef"));
        assertThat(decoder.bytesReceived()).isEqualTo(all.length);
    }

    @Test
    void abortDropsThePartialMessage() {
        write("06 000000 0000c8 09 01000000" + bytes(128, 1));
        write("02 000000 000004 02 00000000 00000006");
        write("06 000000 000002 09 01000000 0102");
        assertThat(messages).containsExactly(new Message(9, 1, 0, "0102"));
    }

    @Test
    void oversizedMessagesAndChunkSizesAreProtocolErrors() {
        assertThatThrownBy(() -> write("06 000000 ffffff 09 01000000")).isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("at most");
        assertThat(channel.isOpen()).isTrue();
        write("06 000000 000001 09 01000000 00");
        assertThat(messages).as("input after a violation is discarded").isEmpty();
    }

    @Test
    void aNewHeaderInTheMiddleOfAMessageIsAProtocolError() {
        assertThatThrownBy(() -> write("06 000000 0000c8 09 01000000" + bytes(128, 1) + "46 000000 000001 09 00"))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("middle");
    }

    /** Random bytes after a valid start: messages or an RtmpProtocolException, and no buffer kept. */
    @Test
    void randomBytesAreMessagesOrProtocolErrorsAndLeakNothing() {
        Random random = new Random(13);
        for (int i = 0; i < 2_000; i++) {
            List<ByteBuf> reads = new ArrayList<>();
            EmbeddedChannel ch = new EmbeddedChannel(new RtmpChunkDecoder((t, s, ts, p) -> p.release()));
            for (int r = 0; r < 8; r++) {
                byte[] b = new byte[1 + random.nextInt(300)];
                random.nextBytes(b);
                ByteBuf in = Unpooled.wrappedBuffer(b);
                reads.add(in);
                Throwable t = catchThrowable(() -> ch.writeInbound(in));
                assertThat(t == null || t instanceof RtmpProtocolException).as("%s", t).isTrue();
            }
            ch.finishAndReleaseAll();
            assertThat(reads).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        }
    }
}
