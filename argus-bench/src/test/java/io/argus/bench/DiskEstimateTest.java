package io.argus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskEstimateTest {
    @TempDir
    Path dir;

    private static IngestBench.Config record(int cameras, int warmup, int duration, int ffmpeg) {
        return new IngestBench.Config(cameras, "h264", 25, Duration.ofSeconds(warmup), Duration.ofSeconds(duration),
                "unused.Main", List.of(), true, ffmpeg);
    }

    @Test
    void coversWhatTheThousandCameraRunOfIssue18Left() {
        long bytes = DiskEstimate.of(record(1000, 20, 30, 0)).bytes();
        assertThat(bytes).isGreaterThan(51_000_000_000L).isLessThan(100_000_000_000L);
    }

    @Test
    void countsTheFfmpegPhaseTheServerGoesOnRecordingThrough() {
        DiskEstimate without = DiskEstimate.of(record(100, 20, 30, 0));
        DiskEstimate with = DiskEstimate.of(record(100, 20, 30, 50));
        assertThat(with.serverSeconds()).isEqualTo(without.serverSeconds() + 50);
        assertThat(with.ffmpegRecorders()).isEqualTo(50);
        assertThat(with.bytes() - without.bytes())
                .as("100 cameras for 50 s more and 50 recorders for 60 s, × 1.25 margin, at 300 KB/s")
                .isEqualTo(Math.round((100 * 50 + 50 * 60) * 300_000L * 1.25));
    }

    @Test
    void countsTheFloorPhaseLikeTheFfmpegOne() {
        DiskEstimate without = DiskEstimate.of(record(100, 20, 30, 0));
        DiskEstimate with = DiskEstimate.of(new IngestBench.Config(100, "h264", 25, Duration.ofSeconds(20),
                Duration.ofSeconds(30), "unused.Main", List.of(), true, 0, 100, null));
        assertThat(with.serverSeconds()).isEqualTo(without.serverSeconds() + 50);
        assertThat(with.bytes() - without.bytes())
                .as("100 cameras for 50 s more and the floor's 100 for 60 s, × 1.25 margin, at 300 KB/s")
                .isEqualTo(Math.round((100 * 50 + 100 * 60) * 300_000L * 1.25));
        assertThat(with.arithmetic()).contains("the floor's 100 cameras × 300.0 KB/s × 60 s");
    }

    @Test
    void anIngestRunRecordsNothing() {
        IngestBench.Config ingest = new IngestBench.Config(1000, "h264", 25, Duration.ofSeconds(20),
                Duration.ofSeconds(30), "unused.Main", List.of(), false, 0);
        assertThat(DiskEstimate.of(ingest).bytes()).isEqualTo(DiskEstimate.SERVER_FILES_BYTES);
    }

    @Test
    void scalesWithTheFrameRate() {
        IngestBench.Config fps50 = new IngestBench.Config(10, "h264", 50, Duration.ofSeconds(20),
                Duration.ofSeconds(30), "unused.Main", List.of(), true, 0);
        assertThat(DiskEstimate.of(fps50).bytesPerSecond()).isEqualTo(2 * DiskEstimate.BYTES_PER_SECOND_AT_25_FPS);
    }

    @Test
    void refusesWithTheNumbersWhenTheRunDoesNotFit() throws IOException {
        DiskEstimate huge = DiskEstimate.of(record(10_000, 0, 1_000_000, 0));
        Path notYetMade = dir.resolve("a/b");
        assertThatThrownBy(() -> huge.requireRoomIn(notYetMade)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs about 3.8 PB").hasMessageContaining(" free (")
                .hasMessageContaining("10000 cameras × 300.0 KB/s × 1001210 s recorded")
                .hasMessageContaining(notYetMade.toString());
        DiskEstimate.of(record(1, 1, 1, 0)).requireRoomIn(notYetMade);
    }

    @Test
    void bytesForPeople() {
        assertThat(Bytes.human(512)).isEqualTo("512 B");
        assertThat(Bytes.human(1_234_567)).isEqualTo("1.2 MB");
        assertThat(Bytes.human(51_000_000_000L)).isEqualTo("51.0 GB");
        assertThat(Bytes.humanAndExact(950_464)).isEqualTo("950.5 KB (950,464 bytes)");
    }
}
