package io.argus.media.codec.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.H264SpsParser;
import io.argus.media.codec.h265.H265SpsParser;
import io.argus.media.codec.testing.CaptureRun;
import io.argus.media.codec.testing.Captures;
import io.argus.media.codec.testing.Collected;
import io.argus.media.codec.testing.NalAssert;
import io.argus.testkit.RtpCapture;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real senders' RTP (ffmpeg, GStreamer; H.264 FU-A/STAP-A, H.265 FU/AP, AAC-hbr with several frames per packet
 * and fragmented frames) back to the exact units of the sample, with keyframes and timestamps.
 */
class CapturedRtpTest {

    @ParameterizedTest
    @EnumSource(RtpCapture.class)
    void recoversEveryAccessUnitByteExact(RtpCapture capture) {
        List<List<byte[]>> expected = Captures.expected(capture);
        RtpDepacketizer d = Captures.depacketizer(capture);
        CaptureRun run = CaptureRun.run(d, RtpReceiver.DEFAULT_UDP_REORDER_WINDOW, capture.packets());
        try {
            List<AccessUnit> aus = run.out().units;
            assertThat(aus).hasSize(capture.frames()).hasSize(expected.size());
            long step = Captures.step(capture);
            for (int i = 0; i < aus.size(); i++) {
                AccessUnit au = aus.get(i);
                NalAssert.assertSameBytes(Collected.nals(au), expected.get(i));
                assertThat(au.pts()).as("pts of %d", i).isEqualTo(i * step);
                assertThat(au.keyframe()).as("keyframe %d", i).isEqualTo(Captures.isAac(capture) || i % 50 == 0);
                assertThat(au.codec()).isEqualTo(d.format().codec());
            }
            assertThat(run.receiver().packetsLost()).isZero();
            assertThat(run.receiver().packetsReceived()).isEqualTo(capture.packets().size());
            assertThat(d.corruptPackets()).isZero();
            assertThat(d.droppedUnits()).isZero();
            checkInBandFormat(capture, d.format());
        } finally {
            run.release();
        }
    }

    private static void checkInBandFormat(RtpCapture capture, MediaFormat format) {
        switch (format) {
            case MediaFormat.H264 h -> assertThat(H264SpsParser.parse(h.sps()).height())
                    .isEqualTo(capture.source().height());
            case MediaFormat.H265 h -> {
                assertThat(h.hasParameterSets()).isTrue();
                assertThat(H265SpsParser.parse(h.sps()).height()).isEqualTo(capture.source().height());
            }
            case MediaFormat.Aac a -> assertThat(a.sampleRate()).isEqualTo(48_000);
        }
    }
}
