package io.argus.storage.record;

import static io.argus.storage.record.RecorderFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.Tier;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.playback.ChunkFixtures;
import io.argus.storage.record.RecorderFixture.Camera;
import io.argus.testkit.Await;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The recorder against a real store on a manual clock: where chunks and fragments are cut, when it syncs, what a
 * full queue and a full disk cost and how it comes back, and that one camera's failure leaves the others
 * recording. The camera sends the 360p sample at 25 fps, a keyframe every 2 s (see {@link SampleFrames}).
 */
class RecorderTest {
    @TempDir
    Path dir;

    private static RecorderConfig config(Duration chunk, Duration maxFragment, Duration sync) {
        return new RecorderConfig(chunk, maxFragment, sync, Duration.ofSeconds(2));
    }

    /** How long {@code frames} pictures last. */
    private static Duration seconds(int frames) {
        return Duration.ofMillis(frames * 1000L / SampleFrames.FPS);
    }

    private Mp4Structure read(RecorderFixture f, ChunkRecord c) throws Exception {
        try (ReadableChunk chunk = f.store.open(c.location())) {
            ByteBuf bytes = chunk.read(0, Math.toIntExact(chunk.size()), PooledByteBufAllocator.DEFAULT);
            try {
                return Mp4Structure.validate(bytes);
            } finally {
                bytes.release();
            }
        }
    }

    /** Per fragment, its video samples' count. */
    private static List<Integer> fragmentSizes(Mp4Structure mp4) {
        return mp4.fragments().stream().map(fr -> fr.runs().stream().mapToInt(r -> r.samples().size()).sum())
                .toList();
    }

    @Test
    void cutsAChunkAtTheFirstKeyframeAfterTheChunkDuration() throws Exception {
        try (RecorderFixture f = new RecorderFixture(dir, config(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ZERO))) {
            Camera cam = f.camera();
            cam.record(0, 250);
            assertThat(cam.status().chunks()).as("chunks closed while recording").isEqualTo(2);
            List<ChunkRecord> chunks = cam.stop();

            // Keyframes every 2 s: 3 s after a chunk's start at 0 s the next keyframe is at 4 s, then at 8 s.
            assertThat(chunks).extracting(ChunkRecord::start)
                    .containsExactly(T0, T0.plusSeconds(4), T0.plusSeconds(8));
            assertThat(chunks).extracting(ChunkRecord::end)
                    .containsExactly(T0.plusSeconds(4), T0.plusSeconds(8), T0.plusSeconds(10));
            assertThat(chunks.get(0).prevSha256()).isNull();
            assertThat(chunks.get(1).prevSha256()).isEqualTo(chunks.get(0).sha256());
            assertThat(chunks.get(2).prevSha256()).isEqualTo(chunks.get(1).sha256());
            int[] samples = {100, 100, 50};
            for (int i = 0; i < chunks.size(); i++) {
                List<Mp4Structure.Sample> video = read(f, chunks.get(i)).samples(1);
                assertThat(video).as("chunk %d", i).hasSize(samples[i]);
                assertThat(video.get(0).sync()).as("chunk %d starts on a keyframe", i).isTrue();
            }
        }
    }

    /**
     * Fragments are GOPs; a GOP longer than {@code maxFragment} is written in parts: a part ends before the first
     * frame at or past {@code maxFragment} from its start, so it lasts less than that plus a frame.
     */
    @ParameterizedTest(name = "maxFragment {0} ms")
    @CsvSource({"1000, 25;25;25;25", "1500, 38;12;38;12", "2000, 50;50"})
    void writesAFragmentPerGopOrPartsOfAtMostMaxFragment(long maxFragmentMillis, String sizes) throws Exception {
        try (RecorderFixture f = new RecorderFixture(dir, config(Duration.ofSeconds(60),
                Duration.ofMillis(maxFragmentMillis), Duration.ZERO))) {
            Camera cam = f.camera();
            cam.record(0, 100);
            List<ChunkRecord> chunks = cam.stop();

            assertThat(chunks).hasSize(1);
            Mp4Structure mp4 = read(f, chunks.get(0));
            assertThat(fragmentSizes(mp4)).map(String::valueOf).containsExactly(sizes.split(";"));
            for (Mp4Structure.Fragment fragment : mp4.fragments()) {
                assertThat(fragment.runs().get(0).duration()).as("fragment length, 90 kHz ticks")
                        .isLessThan(maxFragmentMillis * 90 + ChunkFixtures.FRAME_TICKS);
            }
        }
    }

    /**
     * One fragment a second of video, a second of the clock apart: the chunk is forced to the disk once the
     * interval has passed since the last time, not at every fragment; zero syncs only when the chunk closes.
     */
    @ParameterizedTest(name = "sync interval {0} s")
    @CsvSource({"0, 0", "1, 9", "3, 3"})
    void syncsWhenTheSyncIntervalHasPassed(long intervalSeconds, int syncs) throws Exception {
        try (RecorderFixture f = new RecorderFixture(dir, config(Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofSeconds(intervalSeconds)))) {
            Camera cam = f.camera();
            for (int second = 0; second < 10; second++) {
                cam.record(second * SampleFrames.FPS, (second + 1) * SampleFrames.FPS);
                f.clock.advance(Duration.ofSeconds(1));
            }
            assertThat(f.store.syncs).as("syncs of fragments written at 1 s .. 9 s").hasValue(syncs);
            assertThat(cam.stop()).hasSize(1);
        }
    }

    /**
     * A recorder stalled on a slow disk: its queue fills, the stream skips the camera's frames to the next keyframe
     * (so the chunk never holds a broken GOP) and counts each, and recording carries on from that keyframe.
     */
    /**
     * Cluster fencing: another node took the camera over in epoch 4 and stored a chunk; this node's recorder, still in
     * epoch 3, finishes a chunk, which the index refuses. It is counted (chunks and bytes), the camera's recording
     * fails with a reason, nothing of it is indexed, and it records nothing more.
     */
    @Test
    void aChunkOfAnOlderEpochIsRefusedCountedAndTheCameraStopsRecording() throws Exception {
        try (RecorderFixture f = new RecorderFixture(dir, config(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ZERO))) {
            Camera cam = f.camera(3);
            ChunkRecord theirs = new ChunkRecord(RecorderFixture.TENANT, cam.id, T0.minusSeconds(60),
                    T0.minusSeconds(59), 1, "H264", Tier.HOT, "v0", "v0/theirs.mp4", "a".repeat(64), null);
            assertThat(f.index.add(theirs, 4)).isTrue();
            cam.publish(0, 250);
            cam.awaitStatus(s -> s.state() == RecordingState.FAILED, "fenced out");
            assertThat(cam.status().lastError()).contains("fenced");
            assertThat(f.recorder.fencedChunks()).as("the refused chunk, counted").isEqualTo(1);
            assertThat(f.recorder.fencedBytes()).isPositive();
            cam.publish(250, 300);
            assertThat(cam.stop()).as("nothing of this recorder indexed").containsExactly(theirs);
            assertThat(f.recorder.fencedChunks()).as("and nothing more recorded").isEqualTo(1);
        }
    }

    @Test
    void aFullQueueSkipsToTheNextKeyframeAndCountsWhatItSkipped() throws Exception {
        try (RecorderFixture f = new RecorderFixture(dir, config(Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ZERO))) {
            Camera cam = f.camera();
            cam.record(0, 25);
            f.store.stallNextAppend();
            cam.publish(25, 26);
            f.store.awaitStalled();
            // Stalled on frame 25's fragment write: the queue takes the next READER_QUEUE frames, then the stream
            // skips everything (the keyframes at 300 and 350 too, the queue still full) up to frame 400.
            cam.publish(26, 400);
            f.store.release();
            int queued = 26 + StreamRecording.READER_QUEUE;
            cam.awaitStatus(s -> s.framesRecorded() == queued, "the queued frames written");
            cam.record(400, 450);

            RecordingStatus status = cam.status();
            assertThat(status.framesDropped()).isEqualTo(400 - queued);
            assertThat(status.state()).isEqualTo(RecordingState.RECORDING);
            List<ChunkRecord> chunks = cam.stop();
            assertThat(chunks).hasSize(1);
            List<Mp4Structure.Sample> video = read(f, chunks.get(0)).samples(1);
            assertThat(video).hasSize(queued + 50);
            assertThat(video.get(queued).sync()).as("recording resumes on the keyframe after the skip").isTrue();
        }
    }

    /**
     * The disk fills: the next chunk cannot start, the camera pauses and counts every frame it does not record;
     * it checks for room every {@code roomCheck} of the clock, and resumes on the first keyframe after room came.
     */
    @Test
    void pausesWhenTheDiskIsFullAndResumesAtAKeyframeOnceThereIsRoom() throws Exception {
        try (RecorderFixture f = new RecorderFixture(dir, config(Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ZERO), 10_000, 1)) {
            Camera cam = f.camera();
            // The first chunk starts on an empty volume and outgrows its 10 kB; the second finds no room.
            cam.record(0, 50);
            cam.publish(50, 100);
            cam.awaitStatus(s -> s.state() == RecordingState.PAUSED_DISK_FULL && s.framesDropped() == 50,
                    "paused for a full disk");
            ChunkRecord first = cam.chunks().get(0);
            assertThat(first.end()).isEqualTo(T0.plusSeconds(2));

            // Retention frees the room, but the camera looks again only a room check after it last did.
            assertThat(f.store.delete(first.location())).isTrue();
            cam.publish(100, 150);
            cam.awaitStatus(s -> s.framesDropped() == 100, "the next GOP dropped too");
            assertThat(cam.status().state()).isEqualTo(RecordingState.PAUSED_DISK_FULL);

            f.clock.advance(Duration.ofSeconds(2));
            cam.record(150, 200);
            assertThat(cam.status().state()).isEqualTo(RecordingState.RECORDING);
            assertThat(cam.status().framesDropped()).isEqualTo(100);
            List<ChunkRecord> chunks = cam.stop();
            assertThat(chunks).extracting(ChunkRecord::start).containsExactly(T0, T0.plus(seconds(150)));
            assertThat(chunks.get(1).end()).isEqualTo(T0.plus(seconds(200)));
        }
    }

    /**
     * A failure that escapes a camera's drain (an {@link Error}, as running out of direct memory is) must not end
     * the recorder thread: the other cameras on it go on recording.
     */
    @Test
    void aDrainThatThrowsLeavesTheOtherCamerasOnItsThreadRecording() throws Exception {
        try (RecorderFixture f = new RecorderFixture(dir, config(Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ZERO), Long.MAX_VALUE, 1)) {
            Camera failing = f.camera();
            Camera other = f.camera();
            failing.record(0, 50);
            other.record(0, 50);

            // The camera hangs up: its recorder writes its last fragment in the drain that delivers the end.
            f.store.failWrites(failing.id);
            failing.hangUp();
            Await.until(Duration.ofSeconds(20), () -> f.store.failedWrites.get() == 1,
                    () -> "the failing camera's drain threw");

            other.record(50, 100);
            assertThat(other.stop()).extracting(ChunkRecord::end).containsExactly(T0.plus(seconds(100)));
            assertThat(failing.chunks()).isEmpty();
        }
    }
}
