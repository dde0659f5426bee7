package io.argus.media.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtspDecoderTest {

    private static final String DESCRIBE_RESPONSE = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://cam/s/\r\n"
            + "Content-Type: application/sdp\r\nContent-Length: 10\r\n\r\nv=0\r\ns=x\r\n";

    @Test
    void decodesResponseWithBodyAndRequest() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspDecoder());
        ch.writeInbound(ascii(DESCRIBE_RESPONSE + "OPTIONS * RTSP/1.0\r\nCSeq: 7\r\n\r\n"));

        RtspResponse response = ch.readInbound();
        RtspRequest request = ch.readInbound();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.cseq()).isEqualTo(2);
        assertThat(response.headers().get("content-base")).isEqualTo("rtsp://cam/s/");
        assertThat(response.body()).isEqualTo("v=0\r\ns=x\r\n");
        assertThat(request.method()).isEqualTo("OPTIONS");
        assertThat(request.uri()).isEqualTo("*");
        assertThat(request.cseq()).isEqualTo(7);
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void interleavedFrameIsSliceOfInputNotCopy() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspDecoder());
        ByteBuf input = Unpooled.buffer();
        input.writeBytes(new byte[] {'$', 0, 0, 3, 1, 2, 3, '$', 1, 0, 1, 9});

        ch.writeInbound(input);
        InterleavedFrame rtp = ch.readInbound();
        InterleavedFrame rtcp = ch.readInbound();

        assertThat(rtp.channel()).isZero();
        assertThat(rtp.content().unwrap()).isSameAs(input);
        assertThat(bytes(rtp.content())).containsExactly(1, 2, 3);
        assertThat(rtcp.channel()).isEqualTo(1);
        assertThat(bytes(rtcp.content())).containsExactly(9);
        rtp.release();
        rtcp.release();
        assertThat(ch.finish()).isFalse();
        assertThat(input.refCnt()).isZero();
    }

    @Test
    void frameSplitAcrossReadsIsAssembledFromSlicesOfEachRead() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspDecoder());
        ByteBuf first = Unpooled.directBuffer().writeBytes(new byte[] {'$', 0, 0, 6, 1, 2, 3});
        ByteBuf second = Unpooled.directBuffer().writeBytes(new byte[] {4, 5, 6, '$', 1});
        ByteBuf third = Unpooled.directBuffer().writeBytes(new byte[] {0, 2, 8, 9});

        ch.writeInbound(first);
        ch.writeInbound(second);
        ch.writeInbound(third);
        InterleavedFrame split = ch.readInbound();
        InterleavedFrame afterSplitHeader = ch.readInbound();

        assertThat(bytes(split.content())).containsExactly(1, 2, 3, 4, 5, 6);
        io.netty.buffer.CompositeByteBuf c = (io.netty.buffer.CompositeByteBuf) split.content();
        assertThat(c.numComponents()).isEqualTo(2);
        assertThat(c.internalComponent(0).memoryAddress()).as("first piece is the first read's memory")
                .isEqualTo(first.memoryAddress() + 4);
        assertThat(c.internalComponent(1).memoryAddress()).as("second piece is the second read's memory")
                .isEqualTo(second.memoryAddress());
        assertThat(afterSplitHeader.channel()).isEqualTo(1);
        assertThat(bytes(afterSplitHeader.content())).containsExactly(8, 9);
        assertThat(afterSplitHeader.content().memoryAddress()).isEqualTo(third.memoryAddress() + 2);
        split.release();
        afterSplitHeader.release();
        assertThat(ch.finish()).isFalse();
        assertThat(List.of(first, second, third)).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void partialStateIsReleasedWhenTheConnectionGoes() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspDecoder());
        ByteBuf frameStart = Unpooled.directBuffer().writeBytes(new byte[] {'$', 0, 0, 100, 1, 2});
        ch.writeInbound(frameStart);
        assertThat(frameStart.refCnt()).as("held by the partial frame").isOne();
        ch.finishAndReleaseAll();
        assertThat(frameStart.refCnt()).isZero();
    }

    @Test
    void byteByByteMixOfFramesAndMessages() {
        ByteBuf all = Unpooled.buffer();
        all.writeBytes(new byte[] {'$', 0, 0, 2, 7, 8});
        all.writeBytes(ascii(DESCRIBE_RESPONSE));
        all.writeBytes(new byte[] {'\r', '\n', '$', 1, 0, 0});
        all.writeBytes(ascii("GET_PARAMETER rtsp://h/s RTSP/1.0\nCSeq: 3\nSession:\n  123\n\n"));
        EmbeddedChannel ch = new EmbeddedChannel(new RtspDecoder());
        List<ByteBuf> pieces = new ArrayList<>();
        while (all.isReadable()) {
            ByteBuf piece = all.readRetainedSlice(1);
            pieces.add(piece);
            ch.writeInbound(piece);
        }
        all.release();

        List<Object> out = drain(ch);

        assertThat(out).hasSize(4);
        assertThat(bytes(((InterleavedFrame) out.get(0)).content())).containsExactly(7, 8);
        assertThat(((RtspResponse) out.get(1)).body()).isEqualTo("v=0\r\ns=x\r\n");
        assertThat(((InterleavedFrame) out.get(2)).content().readableBytes()).isZero();
        assertThat(((RtspRequest) out.get(3)).headers().get("Session")).isEqualTo("123");
        out.forEach(io.netty.util.ReferenceCountUtil::release);
        assertThat(ch.finish()).isFalse();
        assertThat(pieces).allSatisfy(p -> assertThat(p.refCnt()).isZero());
        assertThat(all.refCnt()).isZero();
    }

    @Test
    void garbageIsTypedExceptionAndLaterInputIsDiscarded() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspDecoder());
        ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x02});

        assertThatThrownBy(() -> ch.writeInbound(garbage)).isInstanceOf(RtspProtocolException.class)
                .hasMessageContaining("0x16");
        ByteBuf after = ascii("OPTIONS * RTSP/1.0\r\n\r\n");
        ch.writeInbound(after);

        assertThat((Object) ch.readInbound()).isNull();
        assertThat(garbage.refCnt()).isZero();
        assertThat(after.refCnt()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void limits() {
        assertRefused("RTSP/1.0 200 OK\r\nContent-Length: 99999999\r\n\r\n", "Content-Length");
        assertRefused("RTSP/1.0 200 OK\r\nContent-Length: x\r\n\r\n", "Content-Length");
        assertRefused("RTSP/1.0 2000 OK\r\n\r\n", "status line");
        assertRefused("HELLO\r\n\r\n", "request line");
        assertRefused("OPTIONS * RTSP/1.0\r\nno colon here\r\n\r\n", "header line");
        assertRefused("OPTIONS * RTSP/1.0\r\nX: " + "a".repeat(RtspDecoder.MAX_HEADER_BYTES), "larger than");
    }

    private static void assertRefused(String text, String reason) {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspDecoder());
        ByteBuf in = ascii(text);
        assertThatThrownBy(() -> ch.writeInbound(in)).isInstanceOf(RtspProtocolException.class)
                .hasMessageContaining(reason);
        assertThat(in.refCnt()).isZero();
        ch.finishAndReleaseAll();
    }

    static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        return out;
    }

    static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(ByteBuf b) {
        byte[] a = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), a);
        return a;
    }
}
