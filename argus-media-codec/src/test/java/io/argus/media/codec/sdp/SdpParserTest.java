package io.argus.media.codec.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.MediaFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SdpParserTest {

    @Test
    void aacFormatFromAxisConfig() throws Exception {
        SdpTrack audio = SdpParser.parse(SdpGoldenTest.read("axis-m3045.sdp")).tracks().get(1);

        assertThat(audio.payloadType()).isEqualTo(97);
        assertThat(audio.format()).isEqualTo(new MediaFormat.Aac(new byte[] {0x14, 0x08}, 16_000, 1));
    }

    @Test
    void aacChannelsFromConfigWhenRtpmapHasNone() throws Exception {
        String sdp = "v=0\nm=audio 0 RTP/AVP 97\na=rtpmap:97 mpeg4-generic/48000\n"
                + "a=fmtp:97 mode=AAC-hbr;sizelength=13;config=1190\n";

        assertThat(SdpParser.parse(sdp).tracks().get(0).format())
                .isEqualTo(new MediaFormat.Aac(new byte[] {0x11, (byte) 0x90}, 48_000, 2));
    }

    @Test
    void unsupportedVariantsAreNamed() throws Exception {
        String sdp = "v=0\n"
                + "m=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=fmtp:96 packetization-mode=2\n"
                + "m=audio 0 RTP/AVP 97\na=rtpmap:97 MPEG4-GENERIC/16000\na=fmtp:97 mode=AAC-lbr;sizelength=6\n"
                + "m=audio 0 RTP/AVP 98\na=rtpmap:98 MP4A-LATM/90000\n";

        assertThat(SdpParser.parse(sdp).tracks()).extracting(SdpTrack::codecName).containsExactly(
                "H264 (packetization-mode=2)", "MPEG4-GENERIC (mode=aac-lbr)", "MP4A-LATM");
    }

    @Test
    void picksFirstSupportedPayloadTypeOfSection() throws Exception {
        String sdp = "v=0\nm=video 0 RTP/AVP 26 96\na=rtpmap:96 H264/90000\n";

        SdpTrack t = SdpParser.parse(sdp).tracks().get(0);

        assertThat(t.payloadType()).isEqualTo(96);
        assertThat(t.format()).isEqualTo(new MediaFormat.H264(null, null));
    }

    @Test
    void garbageSpropIsIgnoredNotFatal() throws Exception {
        String sdp = "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n"
                + "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=%%%,!!\n";

        assertThat(SdpParser.parse(sdp).tracks().get(0).format()).isEqualTo(new MediaFormat.H264(null, null));
    }

    @Test
    void refusesWhatIsNotSdp() {
        assertThatThrownBy(() -> SdpParser.parse("<html>401</html>")).isInstanceOf(SdpException.class);
        assertThatThrownBy(() -> SdpParser.parse("")).isInstanceOf(SdpException.class);
        assertThatThrownBy(() -> SdpParser.parse(null)).isInstanceOf(SdpException.class);
        assertThatThrownBy(() -> SdpParser.parse("v=0\nm=video x RTP/AVP 96\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("media port");
        assertThatThrownBy(() -> SdpParser.parse("v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/abc\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("clock rate");
    }

    @Test
    void randomBytesNeverThrowUnchecked() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            char[] chars = new char[random.nextInt(200)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = "v=0\nmaf:/ 96RTP/AVP;,H264".charAt(random.nextInt(25));
            }
            SdpFuzz.parseQuietly((i % 2 == 0 ? "v=0\n" : "") + new String(chars));
        }
    }

    @Test
    void controlResolution() {
        assertThat(SdpControl.resolve("rtsp://h/s", null)).isEqualTo("rtsp://h/s");
        assertThat(SdpControl.resolve("rtsp://h/s", "*")).isEqualTo("rtsp://h/s");
        assertThat(SdpControl.resolve("rtsp://h/s", "trackID=1")).isEqualTo("rtsp://h/s/trackID=1");
        assertThat(SdpControl.resolve("rtsp://h/s/", "trackID=1")).isEqualTo("rtsp://h/s/trackID=1");
        assertThat(SdpControl.resolve("rtsp://h/s/", "/x")).isEqualTo("rtsp://h/s/x");
        assertThat(SdpControl.resolve("rtsp://h/s", "RTSP://o/t")).isEqualTo("RTSP://o/t");
    }

    @Test
    void writerOutputParsesBackToTheSameFormats() throws Exception {
        List<MediaFormat> formats = List.of(
                new MediaFormat.H264(new byte[] {0x67, 0x64, 0x00, 0x28, 1}, new byte[] {0x68, 2}),
                new MediaFormat.H265(new byte[] {0x40, 1}, new byte[] {0x42, 1}, new byte[] {0x44, 1}),
                new MediaFormat.Aac(new byte[] {0x11, (byte) 0x90}, 48_000, 2));

        String sdp = SdpWriter.write(formats, "cam1", "127.0.0.1");
        List<SdpTrack> tracks = SdpParser.parse(sdp).tracks();

        assertThat(sdp).contains("profile-level-id=640028");
        assertThat(tracks).extracting(SdpTrack::format).containsExactlyElementsOf(formats);
        assertThat(tracks).extracting(SdpTrack::payloadType).containsExactly(96, 97, 98);
        assertThat(tracks).extracting(SdpTrack::control).containsExactly("trackID=0", "trackID=1", "trackID=2");
    }
}
