package io.argus.media.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RenditionTest {

    @Test
    void namedRenditionsKeepTheAspectRatioAndNeverUpscale() {
        assertThat(Rendition.parse("360p", null, null)).isSameAs(Rendition.P360);
        assertThat(Rendition.P360.outputSize(1920, 1080)).containsExactly(640, 360);
        assertThat(Rendition.P720.outputSize(1920, 1080)).containsExactly(1280, 720);
        assertThat(Rendition.P720.outputSize(640, 360)).containsExactly(640, 360);
        assertThat(Rendition.H264.outputSize(1920, 1080)).containsExactly(1920, 1080);
        // 4:3 and odd sizes: even sides, for 4:2:0 chroma.
        assertThat(Rendition.P360.outputSize(1280, 960)).containsExactly(480, 360);
        assertThat(Rendition.H264.outputSize(1281, 721)).containsExactly(1280, 720);
        assertThat(Rendition.parse(null, null, null)).isSameAs(Rendition.H264);
    }

    @Test
    void widthAndBitrateMakeACustomRenditionWithACanonicalName() {
        Rendition r = Rendition.parse("360p", 960, null);
        assertThat(r.name()).isEqualTo("w960-b0");
        assertThat(r.outputSize(1920, 1080)).containsExactly(960, 540);
        assertThat(Rendition.parse("360p", null, 500).name()).isEqualTo("360p-b500");
        assertThat(Rendition.parse("h264", null, 500).name()).isEqualTo("src-b500");
        assertThat(Rendition.parse("360p", null, 500).kbpsFor(640, 360)).isEqualTo(500);
        assertThat(Rendition.H264.kbpsFor(1920, 1080)).isEqualTo(5184);
    }

    @Test
    void valuesOutsideTheLimitsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Rendition.parse("4k", null, null)).hasMessage("rendition must be h264, 720p or 360p");
        assertThatThrownBy(() -> Rendition.parse("../cam", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rendition.parse("h264", 100_000, null)).hasMessageContaining("width");
        assertThatThrownBy(() -> Rendition.parse("h264", 641, null)).hasMessageContaining("even");
        assertThatThrownBy(() -> Rendition.parse("h264", null, 5)).hasMessageContaining("bitrate");
        assertThatThrownBy(() -> Rendition.parse("h264", null, 1_000_000)).hasMessageContaining("bitrate");
    }
}
