package io.argus.server.api.events;

import io.argus.server.api.ApiException;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.TimeParams;
import io.argus.server.auth.Principal;
import io.argus.server.camera.CameraService;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventCursor;
import io.argus.storage.event.EventQuery;
import io.argus.storage.event.EventType;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The filters of a search or a stream, from the query string: {@code camera, type, class, zone, from, to,
 * minConfidence}, and for a search {@code limit, cursor}.
 */
record EventFilter(UUID camera, EventType type, String label, String zone, Instant from, Instant to,
                   Double minConfidence, int limit, EventCursor cursor) {
    /** A page of a hundred events fills a screen of thumbnails. */
    static final int DEFAULT_LIMIT = 100;

    static EventFilter parse(Context ctx) {
        UUID camera = null;
        String cam = ctx.queryParam("camera");
        if (cam != null) {
            try {
                camera = UUID.fromString(cam);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.NOT_FOUND, "no camera with id " + cam);
            }
        }
        EventType type = null;
        String t = ctx.queryParam("type");
        if (t != null) {
            try {
                type = EventType.parse(t);
            } catch (IllegalArgumentException e) {
                throw invalid("type", "motion, object, rule, camera or onvif");
            }
        }
        Double min = null;
        String m = ctx.queryParam("minConfidence");
        if (m != null) {
            try {
                min = Double.parseDouble(m);
            } catch (NumberFormatException e) {
                min = Double.NaN;
            }
            if (!(min >= 0 && min <= 1)) {
                throw invalid("minConfidence", "a number from 0 to 1");
            }
        }
        int limit = DEFAULT_LIMIT;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
                throw invalid("limit", "1 to " + EventQuery.MAX_LIMIT);
            }
        }
        EventCursor cursor = null;
        String c = ctx.queryParam("cursor");
        if (c != null) {
            try {
                cursor = EventCursor.parse(c);
            } catch (IllegalArgumentException e) {
                throw invalid("cursor", "the next of an earlier page");
            }
        }
        return new EventFilter(camera, type, text(ctx, "class"), text(ctx, "zone"), time(ctx, "from"),
                time(ctx, "to"), min, limit, cursor);
    }

    private static Instant time(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? null : TimeParams.parse(name, v);
    }

    private static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v != null && (v.isBlank() || v.length() > Event.MAX_NAME_LENGTH)) {
            throw invalid(name, "1 to " + Event.MAX_NAME_LENGTH + " characters");
        }
        return v;
    }

    /**
     * The search for {@code p}: the named camera if it may see it (else 404, as for a camera that does not exist),
     * else the cameras it may see; the whole tenant (deleted cameras' events included) for one who sees every
     * camera.
     */
    EventQuery query(Principal p, CameraService cameras) {
        Set<UUID> scope;
        if (camera != null) {
            if (!p.sees(camera)) {
                throw new ApiException(ErrorCode.NOT_FOUND, "no camera with id " + camera);
            }
            scope = Set.of(camera);
        } else if (p.seesAllCameras()) {
            scope = null;
        } else {
            scope = cameras.list(p.tenantId()).stream().map(c -> c.id()).filter(p::sees).collect(Collectors.toSet());
        }
        return new EventQuery(p.tenantId(), scope, type, label, zone, from, to, minConfidence, cursor, limit);
    }

    /** Whether a live event passes the filters (times and paging do not apply to a stream). */
    boolean matches(Event e) {
        return (camera == null || camera.equals(e.camera())) && (type == null || type == e.type())
                && (label == null || label.equals(e.label())) && (zone == null || zone.equals(e.zone()))
                && (minConfidence == null || e.confidence() != null && e.confidence() >= minConfidence);
    }

    private static ApiException invalid(String field, String what) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, field + " must be " + what, Map.of(field, what));
    }
}
