package io.argus.server.api.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.argus.analytics.AnalyticsSettings;
import io.argus.analytics.AnalyticsStats;
import io.argus.analytics.Zone;
import io.argus.analytics.geom.Point;
import io.argus.analytics.geom.Polygon;
import io.argus.metadata.Camera;
import io.argus.server.analytics.AnalyticsService;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.Json;
import io.argus.server.api.PathIds;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.camera.CameraService;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A camera's analytics: {@code GET/PUT /api/v1/cameras/{id}/analytics}. */
public final class AnalyticsHandlers implements ApiModule {
    private static final String ANALYTICS = "/api/v1/cameras/{id}/analytics";

    /** Zones a camera may have, and points a zone: an operator draws a handful; more is a mistake or an attack. */
    static final int MAX_ZONES = 64;
    static final int MAX_POINTS = 256;
    static final int MAX_OBJECTS = 80;
    static final int MAX_RULES = 256;

    private final CameraService cameras;
    private final AnalyticsService analytics;

    public AnalyticsHandlers(CameraService cameras, AnalyticsService analytics) {
        this.cameras = cameras;
        this.analytics = analytics;
    }

    @Override
    public void install(Routes routes) {
        routes.get(ANALYTICS, Require.cameraVisible(), this::get)
                .summary("the camera's analytics (motion, object classes, zones, rules) and counters")
                .returns(AnalyticsResponse.class);
        routes.put(ANALYTICS, Require.camera(Action.MANAGE_CAMERAS),
                Audit.change(AuditActions.CAMERA_ANALYTICS, "camera", "id"), this::put)
                .summary("sets the camera's analytics").body(AnalyticsBody.class).returns(AnalyticsResponse.class);
    }

    private void get(Context ctx) {
        Camera c = PathIds.camera(ctx, cameras);
        ctx.json(response(c, analytics.find(c.tenantId(), c.id())));
    }

    private void put(Context ctx) {
        Camera c = PathIds.camera(ctx, cameras);
        AnalyticsBody b = RequestBodies.read(ctx, AnalyticsBody.class);
        AnalyticsSettings old = analytics.find(c.tenantId(), c.id());
        AnalyticsSettings next = merge(old, b);
        analytics.update(c.tenantId(), c.id(), next);
        ctx.json(response(c, next));
    }

    private static AnalyticsSettings merge(AnalyticsSettings old, AnalyticsBody b) {
        List<String> objects = b.objects() == null ? old.objects() : b.objects();
        if (objects.size() > MAX_OBJECTS || objects.stream().anyMatch(o -> o == null || o.isBlank()
                || o.length() > 100)) {
            throw invalid("objects", "up to " + MAX_OBJECTS + " class names of 1 to 100 characters");
        }
        List<Zone> zones = b.zones() == null ? old.zones() : zones(b.zones());
        String rules = old.rules();
        if (b.rules() != null) {
            if (b.rules().size() > MAX_RULES || b.rules().stream().anyMatch(r -> r == null || !r.isObject())) {
                throw invalid("rules", "a list of up to " + MAX_RULES + " objects");
            }
            try {
                rules = Json.MAPPER.writeValueAsString(b.rules());
            } catch (JsonProcessingException e) {
                throw invalid("rules", "a list of objects");
            }
        }
        AnalyticsSettings next;
        try {
            next = new AnalyticsSettings(b.motion() == null ? old.motion() : b.motion(), objects,
                    b.minConfidence() == null ? old.minConfidence() : b.minConfidence(), zones, rules,
                    b.sensitivity() == null ? old.sensitivity() : b.sensitivity(),
                    b.minArea() == null ? old.minArea() : b.minArea());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
        try {
            // Rules the engine cannot read would run as none: refuse them while the person is here to fix them.
            next.cameraRules();
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "rules: " + e.getMessage(),
                    Map.of("rules", e.getMessage()));
        }
        return next;
    }

    private static List<Zone> zones(List<ZoneBody> in) {
        if (in.size() > MAX_ZONES) {
            throw invalid("zones", "up to " + MAX_ZONES + " zones");
        }
        List<Zone> out = new ArrayList<>();
        for (ZoneBody z : in) {
            if (z == null || z.points() == null || z.points().size() < 3 || z.points().size() > MAX_POINTS) {
                throw invalid("zones", "each a name and 3 to " + MAX_POINTS + " points [x, y]");
            }
            List<Point> points = new ArrayList<>();
            for (List<Double> p : z.points()) {
                if (p == null || p.size() != 2 || p.get(0) == null || p.get(1) == null) {
                    throw invalid("zones", "points as [x, y] pairs from 0 to 1");
                }
                points.add(new Point(p.get(0), p.get(1)));
            }
            try {
                out.add(new Zone(z.name(), new Polygon(points), Boolean.TRUE.equals(z.mask())));
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "zones: " + e.getMessage(),
                        Map.of("zones", e.getMessage()));
            }
        }
        return out;
    }

    private AnalyticsResponse response(Camera c, AnalyticsSettings s) {
        List<ZoneBody> zones = s.zones().stream().map(z -> new ZoneBody(z.name(), z.polygon().points().stream()
                .map(p -> List.of(p.x(), p.y())).toList(), z.mask())).toList();
        List<JsonNode> rules = new ArrayList<>();
        try {
            Json.MAPPER.readTree(s.rules()).forEach(rules::add);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rules are not JSON", e);
        }
        AnalyticsStatsResponse stats = analytics.stats(c.id()).map(AnalyticsHandlers::stats).orElse(null);
        return new AnalyticsResponse(s.motion(), s.objects(), s.minConfidence(), zones, rules, s.sensitivity(),
                s.minArea(), stats);
    }

    private static AnalyticsStatsResponse stats(AnalyticsStats s) {
        return new AnalyticsStatsResponse(s.received(), s.decoded(), s.analysed(), s.corrupt(), s.fixedRate(),
                s.decodeSaving(), s.analyseSaving(), s.motionEvents(), s.gpu(), s.rate(), s.detection().sent(),
                s.detection().detected(), s.detection().skipped());
    }

    private static ApiException invalid(String field, String what) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, field + " must be " + what, Map.of(field, what));
    }
}
