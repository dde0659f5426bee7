package io.argus.media.codec.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.MediaFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Descriptions as real cameras and servers send them, one file each, named after the sender. */
class SdpGoldenTest {

    /**
     * @param codecs   codec name per m= section, in order
     * @param controls the resolved SETUP URL per supported track
     */
    record Case(String file, String base, List<String> codecs, List<String> controls) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("hikvision-ds-2cd2143g0.sdp", "rtsp://192.168.1.64:554/Streaming/Channels/101",
                        List.of("H264", "ISAPI.METADATA"),
                        List.of("rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1?transportmode=unicast")),
                new Case("axis-m3045.sdp", "rtsp://192.168.0.90/axis-media/media.amp?videocodec=h264&audio=1",
                        List.of("H264", "AAC"),
                        List.of("rtsp://192.168.0.90/axis-media/media.amp/stream=0?videocodec=h264&audio=1",
                                "rtsp://192.168.0.90/axis-media/media.amp/stream=1?videocodec=h264&audio=1")),
                new Case("dahua-ipc-hfw2431s.sdp", "rtsp://10.0.0.2:554/cam/realmonitor?channel=1&subtype=0/",
                        List.of("H265", "PCMA", "VND.ONVIF.METADATA"),
                        List.of("rtsp://10.0.0.2:554/cam/realmonitor?channel=1&subtype=0/trackID=0")),
                new Case("ffmpeg-libavformat.sdp", "rtsp://127.0.0.1:8554/live",
                        List.of("H264", "AAC"),
                        List.of("rtsp://127.0.0.1:8554/live/streamid=0", "rtsp://127.0.0.1:8554/live/streamid=1")),
                new Case("gstreamer-rtsp-server.sdp", "rtsp://127.0.0.1:8554/test/",
                        List.of("H265"), List.of("rtsp://127.0.0.1:8554/test/stream=0")),
                new Case("mediamtx.sdp", "rtsp://127.0.0.1:8554/mystream/",
                        List.of("H264", "AAC"),
                        List.of("rtsp://127.0.0.1:8554/mystream/trackID=0", "rtsp://127.0.0.1:8554/mystream/trackID=1")),
                new Case("generic-mjpeg-camera.sdp", "rtsp://192.168.1.10/live.sdp",
                        List.of("MJPEG", "PCMU"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesVendorDescription(Case c) throws Exception {
        List<SdpTrack> tracks = SdpParser.parse(read(c.file())).tracks();

        assertThat(tracks).extracting(SdpTrack::codecName).containsExactlyElementsOf(c.codecs());
        assertThat(tracks.stream().filter(SdpTrack::supported).map(t -> SdpControl.resolve(c.base(), t.control())))
                .containsExactlyElementsOf(c.controls());
        for (SdpTrack t : tracks) {
            if (t.format() instanceof MediaFormat.H264 h) {
                assertThat(h.hasParameterSets()).isTrue();
                assertThat(h.sps()[0] & 0x1f).isEqualTo(7);
                assertThat(h.pps()[0] & 0x1f).isEqualTo(8);
            } else if (t.format() instanceof MediaFormat.H265 h) {
                assertThat(h.hasParameterSets()).isTrue();
                assertThat((h.vps()[0] >> 1) & 0x3f).isEqualTo(32);
                assertThat((h.sps()[0] >> 1) & 0x3f).isEqualTo(33);
                assertThat((h.pps()[0] >> 1) & 0x3f).isEqualTo(34);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void survivesEveryTruncationAndByteFlip(Case c) throws Exception {
        String text = read(c.file());
        for (int cut = 0; cut < text.length(); cut++) {
            SdpFuzz.parseQuietly(text.substring(0, cut));
            char[] chars = text.toCharArray();
            chars[cut] = (char) (chars[cut] ^ 0x15);
            SdpFuzz.parseQuietly(new String(chars));
        }
    }

    static String read(String file) throws IOException {
        try (InputStream in = SdpGoldenTest.class.getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
