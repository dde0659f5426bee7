package io.argus.media.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Interop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Interop
class FfmpegSnapshotRendererTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private final FfmpegSnapshotRenderer renderer = new FfmpegSnapshotRenderer();

    enum Sample {
        H264_1080P(SampleMedia.H264_1080P25, Codec.H264),
        H265_1080P(SampleMedia.H265_1080P25, Codec.H265),
        H264_360P(SampleMedia.H264_360P25, Codec.H264),
        H265_360P(SampleMedia.H265_360P25, Codec.H265);

        final SampleMedia media;
        final Codec codec;

        Sample(SampleMedia media, Codec codec) {
            this.media = media;
            this.codec = codec;
        }
    }

    @ParameterizedTest
    @EnumSource(Sample.class)
    void keyframeDecodesToAJpegOfTheSourceSize(Sample s) throws Exception {
        List<AccessUnit> units = Samples.units(s.media, s.codec);
        try {
            AccessUnit key = units.get(0);
            byte[] before = ByteBufUtil.getBytes(key.unit(key.unitCount() - 1));
            renderer.render(Samples.format(key), key, SnapshotOptions.DEFAULT, T0);
            long t = System.nanoTime();
            Snapshot snap = renderer.render(Samples.format(key), key, SnapshotOptions.DEFAULT, T0);
            System.out.printf("%s keyframe (%d B) to JPEG (%d B): %.1f ms%n", s, key.size(), snap.jpeg().length,
                    (System.nanoTime() - t) / 1e6);
            BufferedImage img = Jpegs.read(snap.jpeg());
            assertThat(img.getWidth()).isEqualTo(s.media.width());
            assertThat(img.getHeight()).isEqualTo(s.media.height());
            assertThat(snap.width()).isEqualTo(s.media.width());
            assertThat(snap.takenAt()).isEqualTo(T0);
            assertThat(ByteBufUtil.getBytes(key.unit(key.unitCount() - 1))).as("input unchanged").isEqualTo(before);
            assertThat(key.refCnt()).as("borrowed, not released").isEqualTo(1);
            assertNotFlat(img);
        } finally {
            units.forEach(AccessUnit::release);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Sample.class, names = {"H264_1080P", "H265_1080P"})
    void parameterSetsFromTheFormatAloneAreEnough(Sample s) throws Exception {
        List<AccessUnit> units = Samples.units(s.media, s.codec);
        AccessUnit bare = Samples.withoutParameterSets(units.get(0));
        try {
            assertThat(bare.unitCount()).isLessThan(units.get(0).unitCount());
            Snapshot snap = renderer.render(Samples.format(units.get(0)), bare, SnapshotOptions.DEFAULT, T0);
            assertThat(Jpegs.read(snap.jpeg()).getWidth()).isEqualTo(1920);
        } finally {
            bare.release();
            units.forEach(AccessUnit::release);
        }
    }

    @Test
    void widthDownscalesKeepingTheAspectRatio() throws Exception {
        List<AccessUnit> units = Samples.units(SampleMedia.H264_1080P25, Codec.H264);
        try {
            AccessUnit key = units.get(0);
            Snapshot small = renderer.render(Samples.format(key), key, new SnapshotOptions(640, 80), T0);
            BufferedImage img = Jpegs.read(small.jpeg());
            assertThat(img.getWidth()).isEqualTo(640);
            assertThat(img.getHeight()).isEqualTo(360);
            assertThat(small.height()).isEqualTo(360);
            Snapshot wider = renderer.render(Samples.format(key), key, new SnapshotOptions(4000, 80), T0);
            assertThat(Jpegs.read(wider.jpeg()).getWidth()).as("never upscaled").isEqualTo(1920);
        } finally {
            units.forEach(AccessUnit::release);
        }
    }

    @Test
    void qualityChangesTheSize() throws Exception {
        List<AccessUnit> units = Samples.units(SampleMedia.H264_1080P25, Codec.H264);
        try {
            AccessUnit key = units.get(0);
            MediaFormat f = Samples.format(key);
            int low = renderer.render(f, key, new SnapshotOptions(0, 10), T0).jpeg().length;
            int high = renderer.render(f, key, new SnapshotOptions(0, 100), T0).jpeg().length;
            System.out.printf("1080p H.264 keyframe as JPEG: quality 10 %d B, quality 100 %d B%n", low, high);
            assertThat(high).isGreaterThan(2 * low);
        } finally {
            units.forEach(AccessUnit::release);
        }
    }

    @Test
    void garbageIsADecodeFailureNotACrash() {
        ByteBuf junk = Unpooled.buffer().writeBytes(new byte[] {0x65, (byte) 0x88, (byte) 0x84, 0x00, 0x33, 0x7f});
        AccessUnit au = AccessUnit.of(0, Codec.H264, 0, true, junk, 0);
        try {
            assertThatThrownBy(() -> renderer.render(new MediaFormat.H264(null, null), au, SnapshotOptions.DEFAULT,
                    T0)).isInstanceOfSatisfying(SnapshotException.class, e ->
                    assertThat(e.reason()).isEqualTo(SnapshotException.Reason.DECODE_FAILED))
                    .hasMessageContaining("decod");
        } finally {
            au.release();
        }
    }

    @Test
    void aKeyframeWithoutParameterSetsAnywhereFails() {
        List<AccessUnit> units = Samples.units(SampleMedia.H264_360P25, Codec.H264);
        AccessUnit bare = Samples.withoutParameterSets(units.get(0));
        try {
            assertThatThrownBy(() -> renderer.render(new MediaFormat.H264(null, null), bare, SnapshotOptions.DEFAULT,
                    T0)).isInstanceOfSatisfying(SnapshotException.class, e ->
                    assertThat(e.reason()).isEqualTo(SnapshotException.Reason.DECODE_FAILED));
        } finally {
            bare.release();
            units.forEach(AccessUnit::release);
        }
    }

    @Test
    void audioIsUnsupported() {
        ByteBuf frame = Unpooled.buffer().writeZero(10);
        AccessUnit au = AccessUnit.of(0, Codec.AAC, 0, true, frame, 0);
        try {
            assertThatThrownBy(() -> renderer.render(new MediaFormat.Aac(new byte[] {0x11, (byte) 0x90}, 48_000, 2),
                    au, SnapshotOptions.DEFAULT, T0)).isInstanceOfSatisfying(SnapshotException.class, e ->
                    assertThat(e.reason()).isEqualTo(SnapshotException.Reason.UNSUPPORTED));
        } finally {
            au.release();
        }
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new SnapshotOptions(8, 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SnapshotOptions(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SnapshotOptions(0, 100).qscale()).isEqualTo(2);
        assertThat(new SnapshotOptions(0, 1).qscale()).isEqualTo(31);
    }

    /** A real picture has detail: not one flat colour (what a decoder that output nothing would give). */
    private static void assertNotFlat(BufferedImage img) {
        int first = img.getRGB(0, 0);
        boolean varies = false;
        for (int y = 0; y < img.getHeight() && !varies; y += 7) {
            for (int x = 0; x < img.getWidth() && !varies; x += 7) {
                varies = img.getRGB(x, y) != first;
            }
        }
        assertThat(varies).as("picture has detail").isTrue();
    }
}
