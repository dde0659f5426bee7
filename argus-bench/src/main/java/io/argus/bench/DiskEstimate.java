package io.argus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The disk space a bench run needs, worked out before it starts so that a run that cannot fit is refused instead
 * of filling the disk (issue 18: one 1,000-camera run left 51 GB).
 *
 * @param cameras          cameras the server records (0 when it only ingests)
 * @param serverSeconds    how long the server records them, start and stop included
 * @param ffmpegRecorders  ffmpeg recorders run for comparison
 * @param ffmpegSeconds    how long they record
 * @param floorCameras     cameras the floor recorder records for comparison (raw bytes, no larger than the server's)
 * @param floorSeconds     how long it records them
 * @param bytesPerSecond   what one camera's recording takes per second
 * @param reserveBytes     the server's own files, and the free space it keeps while recording
 */
public record DiskEstimate(int cameras, long serverSeconds, int ffmpegRecorders, long ffmpegSeconds,
                           int floorCameras, long floorSeconds, long bytesPerSecond, long reserveBytes) {

    /**
     * A camera's recording per second at 25 fps: the simulator's 1080p samples are about 2 Mbit/s (256 KB/s), and
     * the server wrote 287 KB/s per camera with its fMP4 boxes in the 1,000-camera run (README, Benchmarks).
     * ffmpeg's MP4 segments of the same streams are no larger.
     */
    static final long BYTES_PER_SECOND_AT_25_FPS = 300_000;

    /**
     * Recording before the warm-up and after the window: adding the cameras, waiting for all of them to be live,
     * reading back their counters and stopping. The 1,000-camera run of issue 18 (20 s warm-up, 30 s window, no
     * ffmpeg) left 51 GB, 178 s per camera at 287 KB/s: 128 s more than the warm-up and window.
     */
    static final double START_STOP_SECONDS_PER_CAMERA = 0.12;

    /** Start and stop of a run of a few cameras: the server's start-up and graceful shutdown. */
    static final long START_STOP_SECONDS = 10;

    /** What the estimate is multiplied by: the streams' bitrate varies with the picture, the timings with load. */
    static final double MARGIN = 1.25;

    /** The server's database, keys and logs, with nothing recorded (a few MB, rounded up). */
    static final long SERVER_FILES_BYTES = 64_000_000;

    /**
     * The server's default {@code recording.minFree}: below it the server deletes the oldest recordings, this
     * run's own, and the bench would measure retention instead of recording.
     */
    static final long SERVER_MIN_FREE_BYTES = 1L << 30;

    /**
     * The estimate for a run of {@code cfg}, with the floor and the ffmpeg recorders it asks for (whether ffmpeg is
     * there or not).
     */
    public static DiskEstimate of(IngestBench.Config cfg) {
        long bytesPerSecond = BYTES_PER_SECOND_AT_25_FPS * cfg.fps() / 25;
        if (!cfg.record()) {
            return new DiskEstimate(0, 0, 0, 0, 0, 0, bytesPerSecond, SERVER_FILES_BYTES);
        }
        long phase = cfg.warmup().toSeconds() + cfg.measure().toSeconds();
        int ffmpeg = Math.min(cfg.ffmpegRecorders(), cfg.cameras());
        int floor = Math.min(cfg.floorCameras(), cfg.cameras());
        // The server goes on recording every camera while the floor and the ffmpeg recorders warm up and are measured.
        long serverSeconds = phase + (ffmpeg > 0 ? phase : 0) + (floor > 0 ? phase : 0) + START_STOP_SECONDS
                + (long) Math.ceil(cfg.cameras() * START_STOP_SECONDS_PER_CAMERA);
        return new DiskEstimate(cfg.cameras(), serverSeconds, ffmpeg, ffmpeg > 0 ? phase + START_STOP_SECONDS : 0,
                floor, floor > 0 ? phase + START_STOP_SECONDS : 0, bytesPerSecond,
                SERVER_FILES_BYTES + SERVER_MIN_FREE_BYTES);
    }

    /**
     * A failover run: every node may record every camera (as nodes do until ingest follows the shards) for a
     * minute of start-up and about {@code secondsPerKill} per kill -9 round, on one file system.
     */
    public static DiskEstimate ofFailover(int nodes, int cameras, int kills, long secondsPerKill) {
        return new DiskEstimate(nodes * cameras, 60 + kills * secondsPerKill, 0, 0, 0, 0,
                BYTES_PER_SECOND_AT_25_FPS, nodes * SERVER_FILES_BYTES + SERVER_MIN_FREE_BYTES);
    }

    /** Bytes the run needs free. */
    public long bytes() {
        double recorded = (double) cameras * serverSeconds * bytesPerSecond
                + (double) ffmpegRecorders * ffmpegSeconds * bytesPerSecond
                + (double) floorCameras * floorSeconds * bytesPerSecond;
        return (long) Math.min(Long.MAX_VALUE, Math.ceil(recorded * MARGIN) + reserveBytes);
    }

    /** The free space of the file system {@code dir} is (or would be) on. */
    static long freeBytes(Path dir) throws IOException {
        Path existing = dir.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        return Files.getFileStore(existing).getUsableSpace();
    }

    /**
     * Refuses a run that does not fit in {@code dir}.
     *
     * @throws IllegalArgumentException naming the estimate, how it was made, and the free space
     */
    void requireRoomIn(Path dir) throws IOException {
        long free = freeBytes(dir);
        if (bytes() > free) {
            throw new IllegalArgumentException("not enough free space for this run in " + dir + ": needs about "
                    + Bytes.human(bytes()) + ", " + Bytes.human(free) + " free (" + arithmetic()
                    + "); use --work-dir on a bigger disk, fewer --cameras or a shorter --warmup/--duration");
        }
    }

    /** How the estimate was made, for the refusal. */
    String arithmetic() {
        String rate = Bytes.human(bytesPerSecond) + "/s";
        StringBuilder s = new StringBuilder();
        if (cameras > 0) {
            s.append(String.format(Locale.ROOT, "%d cameras × %s × %d s recorded", cameras, rate, serverSeconds));
        }
        if (ffmpegRecorders > 0) {
            s.append(String.format(Locale.ROOT, " + %d ffmpeg recorders × %s × %d s", ffmpegRecorders, rate,
                    ffmpegSeconds));
        }
        if (floorCameras > 0) {
            s.append(String.format(Locale.ROOT, " + the floor's %d cameras × %s × %d s", floorCameras, rate,
                    floorSeconds));
        }
        if (!s.isEmpty()) {
            s.append(String.format(Locale.ROOT, ", × %.2f margin, + ", MARGIN));
        }
        return s.append(Bytes.human(reserveBytes)).append(cameras > 0
                ? " for the server's files and the free space it keeps (recording.minFree)"
                : " for the server's files").toString();
    }
}
