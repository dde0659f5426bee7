package io.argus.analytics.track;

import io.argus.analytics.geom.Box;
import java.time.Instant;

/**
 * One object followed across frames, as of its latest sighting. Immutable: the tracker hands out a new one each
 * frame.
 *
 * @param id unique per tracker (per camera), in order of first sighting
 * @param start when it was first seen
 * @param lastSeen when it was last seen (the end, once it has ended)
 * @param box where it was last seen, frame-relative
 * @param previousBox where it was seen the time before ({@code box} on its first sighting)
 * @param confidence its detection's score when last seen
 * @param maxConfidence the best score it had
 * @param sightings the frames it was seen in
 */
public record Track(long id, String cameraId, String label, Instant start, Instant lastSeen, Box box, Box previousBox,
        float confidence, float maxConfidence, int sightings) {

    /** The point that stands for where the object is: the bottom centre of its box, where a person or car meets the
     * ground (zones are drawn on the ground). */
    public double anchorX() {
        return box.centerX();
    }

    public double anchorY() {
        return box.y() + box.h();
    }
}
