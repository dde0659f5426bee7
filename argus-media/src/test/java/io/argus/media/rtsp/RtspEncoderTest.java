package io.argus.media.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtspEncoderTest {

    @Test
    void requestRoundTripsThroughDecoder() {
        RtspRequest req = new RtspRequest("ANNOUNCE", "rtsp://h/s");
        req.headers().add("CSeq", "3").add("Content-Type", "application/sdp");
        RtspRequest withBody = new RtspRequest(req.method(), req.uri(), req.headers(), "v=0\r\n");
        EmbeddedChannel enc = new EmbeddedChannel(RtspEncoder.INSTANCE);
        enc.writeOutbound(withBody);
        ByteBuf wire = enc.readOutbound();

        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo("ANNOUNCE rtsp://h/s RTSP/1.0\r\nCSeq: 3\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n");
        EmbeddedChannel dec = new EmbeddedChannel(new RtspDecoder());
        dec.writeInbound(wire);
        RtspRequest back = dec.readInbound();
        assertThat(back.body()).isEqualTo("v=0\r\n");
        assertThat(back.headers().get("Content-Type")).isEqualTo("application/sdp");
        assertThat(enc.finish()).isFalse();
        assertThat(dec.finish()).isFalse();
        assertThat(wire.refCnt()).isZero();
    }

    @Test
    void aLineBreakInAHeaderOrTheStartLineIsRefused() {
        RtspRequest header = new RtspRequest("OPTIONS", "rtsp://h/s");
        header.headers().add("Authorization", "Digest username=\"a\r\nX-Injected: 1\"");
        RtspRequest startLine = new RtspRequest("OPTIONS", "rtsp://h/s\rX-Injected: 1");
        for (RtspRequest bad : List.of(header, startLine)) {
            EmbeddedChannel enc = new EmbeddedChannel(RtspEncoder.INSTANCE);
            assertThatThrownBy(() -> enc.writeOutbound(bad)).isInstanceOf(EncoderException.class)
                    .hasCauseInstanceOf(RtspProtocolException.class);
            assertThat((Object) enc.readOutbound()).isNull();
            assertThat(enc.finish()).isFalse();
        }
    }

    @Test
    void interleavedFrameWritesHeaderThenSameContent() {
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        EmbeddedChannel enc = new EmbeddedChannel(RtspEncoder.INSTANCE);

        enc.writeOutbound(new InterleavedFrame(2, payload));
        ByteBuf header = enc.readOutbound();
        ByteBuf body = enc.readOutbound();

        assertThat(RtspDecoderTest.bytes(header)).containsExactly('$', 2, 0, 3);
        assertThat(body).isSameAs(payload);
        header.release();
        body.release();
        assertThat(enc.finish()).isFalse();
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void transportHeaderParsesAndFormats() {
        RtspTransport t = RtspTransport.parseAll("RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971;"
                + "ssrc=1A2B3C4D;mode=\"PLAY\", RTP/AVP/TCP;interleaved=0-1").get(0);

        assertThat(t.tcp()).isFalse();
        assertThat(t.clientRtpPort()).isEqualTo(5000);
        assertThat(t.serverRtcpPort()).isEqualTo(6971);
        assertThat(t.mode()).isEqualTo("PLAY");
        assertThat(RtspTransport.tcp(2).withMode("RECORD").format())
                .isEqualTo("RTP/AVP/TCP;unicast;interleaved=2-3;mode=RECORD");
        assertThat(RtspTransport.parse("RTP/AVP;client_port=99999")).isNull();
        assertThat(RtspSessionHeader.parse("ABCD;timeout=30")).isEqualTo(new RtspSessionHeader("ABCD", 30));
        assertThat(RtspSessionHeader.parse("ABCD;timeout=x").timeoutSeconds()).isEqualTo(60);
    }
}
