package io.argus.analytics.track;

import io.argus.analytics.detect.Detection;
import io.argus.analytics.geom.Box;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simple IoU tracking for one camera: each frame's detections are matched to the live tracks of the same class, best
 * match first (greedy); a detection left over starts a track; a track unseen for more than {@code maxGap} ends at its
 * last sighting, so a few missed detections do not split it.
 *
 * <p>A detection matches a track when its box overlaps by at least {@code minIou} either the track's last box or that
 * box moved on at the track's last velocity (a walker sampled at 2 fps moves about a body width between frames).
 * Far-away objects have boxes so small that even that rarely overlaps; for them a detection whose centre lies within
 * {@code maxShift} box heights of the predicted centre matches too, ranked after every overlap. On vtest.avi at 2 fps
 * overlap alone split most walkers into one track per frame.
 *
 * <p>Not thread-safe: one camera's frames come from one thread, in capture order.
 */
public final class IouTracker {
    /**
     * @param minIou overlap with the last or the predicted box that continues a track
     * @param maxShift for boxes that do not overlap enough: how far from the predicted centre a detection may be, in
     *     box heights (a walker's width is about a third of its height)
     * @param maxGap how long a track survives unseen (longer than the sampling interval, or every missed detection
     *     would split an object into two)
     */
    public record Config(double minIou, double maxShift, Duration maxGap) {
        public static final Config DEFAULTS = new Config(0.3, 0.5, Duration.ofSeconds(3));

        public Config {
            if (!(minIou > 0 && minIou <= 1) || maxShift < 0 || maxGap.isNegative()) {
                throw new IllegalArgumentException("minIou in (0,1], maxShift >= 0, maxGap >= 0");
            }
        }
    }

    /** Per live track: its velocity (frame-relative units per second) from its last two sightings. */
    private record Motion(double vx, double vy) {
        static final Motion NONE = new Motion(0, 0);
    }

    private final String cameraId;
    private final Config config;
    private final Map<Long, Track> live = new LinkedHashMap<>();
    private final Map<Long, Motion> motion = new HashMap<>();
    private long nextId = 1;

    public IouTracker(String cameraId, Config config) {
        this.cameraId = cameraId;
        this.config = config;
    }

    /** Folds in one frame's detections; frames come in capture order. */
    public TrackerUpdate update(Instant time, List<Detection> detections) {
        record Pair(Track track, int detection, double score) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (Track t : live.values()) {
            Box predicted = predict(t, time);
            for (int i = 0; i < detections.size(); i++) {
                Detection d = detections.get(i);
                if (d.label().equals(t.label())) {
                    double score = score(t.box(), predicted, d.box());
                    if (score > 0) {
                        pairs.add(new Pair(t, i, score));
                    }
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::score).reversed());
        boolean[] used = new boolean[detections.size()];
        List<Track> seen = new ArrayList<>();
        for (Pair p : pairs) {
            if (used[p.detection()] || live.get(p.track().id()) != p.track()) {
                continue;
            }
            used[p.detection()] = true;
            Detection d = detections.get(p.detection());
            Track t = p.track();
            Track next = new Track(t.id(), cameraId, t.label(), t.start(), time, d.box(), t.box(), d.confidence(),
                    Math.max(t.maxConfidence(), d.confidence()), t.sightings() + 1);
            live.put(t.id(), next);
            double dt = Duration.between(t.lastSeen(), time).toNanos() / 1e9;
            if (dt > 0) {
                motion.put(t.id(), new Motion((d.box().centerX() - t.box().centerX()) / dt,
                        (d.box().centerY() - t.box().centerY()) / dt));
            }
            seen.add(next);
        }
        for (int i = 0; i < detections.size(); i++) {
            if (!used[i]) {
                Detection d = detections.get(i);
                Track t = new Track(nextId++, cameraId, d.label(), time, time, d.box(), d.box(), d.confidence(),
                        d.confidence(), 1);
                live.put(t.id(), t);
                seen.add(t);
            }
        }
        List<Track> ended = new ArrayList<>();
        for (Iterator<Track> it = live.values().iterator(); it.hasNext();) {
            Track t = it.next();
            if (Duration.between(t.lastSeen(), time).compareTo(config.maxGap()) > 0) {
                ended.add(t);
                motion.remove(t.id());
                it.remove();
            }
        }
        return new TrackerUpdate(cameraId, time, seen, ended);
    }

    /** Ends every live track (the camera stopped or analytics was turned off). */
    public TrackerUpdate endAll(Instant time) {
        List<Track> ended = new ArrayList<>(live.values());
        live.clear();
        motion.clear();
        return new TrackerUpdate(cameraId, time, List.of(), ended);
    }

    private Box predict(Track t, Instant time) {
        Motion m = motion.getOrDefault(t.id(), Motion.NONE);
        double dt = Duration.between(t.lastSeen(), time).toNanos() / 1e9;
        Box b = t.box();
        return new Box(b.x() + m.vx() * dt, b.y() + m.vy() * dt, b.w(), b.h());
    }

    /**
     * How well a detection continues a track: its best overlap (from {@code minIou} to 1), else a distance score
     * below every overlap (0 to {@code minIou}, nearer is higher), else 0 for no match.
     */
    private double score(Box last, Box predicted, Box detection) {
        double iou = Math.max(last.iou(detection), predicted.iou(detection));
        if (iou >= config.minIou()) {
            return iou;
        }
        double height = Math.max(predicted.h(), detection.h());
        double shift = Math.hypot(detection.centerX() - predicted.centerX(), detection.centerY() - predicted.centerY())
                / height;
        double sizeRatio = Math.min(predicted.h(), detection.h()) / height;
        if (shift >= config.maxShift() || sizeRatio < 0.5) {
            return 0;
        }
        return config.minIou() * (1 - shift / config.maxShift()) * 0.999;
    }

    /** Tracks alive now. */
    public int liveTracks() {
        return live.size();
    }
}
