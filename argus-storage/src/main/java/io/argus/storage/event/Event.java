package io.argus.storage.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Something that happened on a camera over {@code [from, to]}.
 *
 * @param to         when it ended; null while it lasts (a motion period in progress)
 * @param zone       the zone it happened in, or null (the whole frame)
 * @param label      the object class (COCO names such as {@code person}), the rule's name, or {@code down}/{@code up}
 *                   for camera events; null for motion
 * @param confidence 0..1 for detections; null where there is none
 * @param box        where in the frame; null where there is none
 * @param thumbnail  whether a JPEG thumbnail is stored with it
 */
public record Event(UUID tenant, UUID id, UUID camera, EventType type, Instant from, Instant to, String zone,
                    String label, Double confidence, EventBox box, boolean thumbnail) {
    /** The widest zone or label name stored: the columns' width. */
    public static final int MAX_NAME_LENGTH = 100;

    public Event {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(type, "type");
        from = Objects.requireNonNull(from, "from").truncatedTo(ChronoUnit.MICROS);
        to = to == null ? null : to.truncatedTo(ChronoUnit.MICROS);
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("an event ends after it starts: " + from + " .. " + to);
        }
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence lies in 0..1, got " + confidence);
        }
        if (zone != null && zone.length() > MAX_NAME_LENGTH || label != null && label.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("zone and label names are up to " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** The same event, ended at {@code end}. */
    public Event endedAt(Instant end) {
        return new Event(tenant, id, camera, type, from, end, zone, label, confidence, box, thumbnail);
    }
}
