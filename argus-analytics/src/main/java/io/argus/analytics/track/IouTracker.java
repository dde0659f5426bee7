package io.argus.analytics.track;

import io.argus.analytics.detect.Detection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simple IoU tracking for one camera: each frame's detections are matched to the live tracks of the same class,
 * best overlap first (greedy), when their boxes overlap by at least {@code minIou}; a detection left over starts a
 * track; a track unseen for more than {@code maxGap} ends at its last sighting. No motion model: sampled frames are
 * close enough in time that an object's boxes overlap, and a gap of a few missed detections does not split a track.
 *
 * <p>Not thread-safe: one camera's frames come from one thread, in capture order.
 */
public final class IouTracker {
    /**
     * @param minIou overlap needed to continue a track; 0.3 keeps a walker at 2 fps on a 416-pixel frame
     * @param maxGap how long a track survives unseen (longer than the sampling interval, or every missed detection
     *     would split an object into two)
     */
    public record Config(double minIou, Duration maxGap) {
        public static final Config DEFAULTS = new Config(0.3, Duration.ofSeconds(3));

        public Config {
            if (!(minIou > 0 && minIou <= 1) || maxGap.isNegative()) {
                throw new IllegalArgumentException("minIou in (0,1], maxGap >= 0");
            }
        }
    }

    private final String cameraId;
    private final Config config;
    private final Map<Long, Track> live = new LinkedHashMap<>();
    private long nextId = 1;

    public IouTracker(String cameraId, Config config) {
        this.cameraId = cameraId;
        this.config = config;
    }

    /** Folds in one frame's detections; frames come in capture order. */
    public TrackerUpdate update(Instant time, List<Detection> detections) {
        record Pair(Track track, int detection, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (Track t : live.values()) {
            for (int i = 0; i < detections.size(); i++) {
                Detection d = detections.get(i);
                double iou = d.label().equals(t.label()) ? t.box().iou(d.box()) : 0;
                if (iou >= config.minIou()) {
                    pairs.add(new Pair(t, i, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
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
                it.remove();
            }
        }
        return new TrackerUpdate(cameraId, time, seen, ended);
    }

    /** Ends every live track (the camera stopped or analytics was turned off). */
    public TrackerUpdate endAll(Instant time) {
        List<Track> ended = new ArrayList<>(live.values());
        live.clear();
        return new TrackerUpdate(cameraId, time, List.of(), ended);
    }

    /** Tracks alive now. */
    public int liveTracks() {
        return live.size();
    }
}
