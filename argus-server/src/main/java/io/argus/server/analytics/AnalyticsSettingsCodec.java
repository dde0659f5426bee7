package io.argus.server.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.analytics.AnalyticsSettings;
import io.argus.analytics.Zone;
import io.argus.analytics.geom.Point;
import io.argus.analytics.geom.Polygon;
import java.util.ArrayList;
import java.util.List;

/**
 * A camera's analytics settings as the JSON document stored in {@code camera_analytics}: the API's shape, so that
 * what a client PUT is what it GETs back. Rules stay JSON (the rules engine reads them).
 */
public final class AnalyticsSettingsCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AnalyticsSettingsCodec() {
    }

    public static String write(AnalyticsSettings s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("motion", s.motion());
        ArrayNode objects = o.putArray("objects");
        s.objects().forEach(objects::add);
        o.put("minConfidence", s.minConfidence());
        ArrayNode zones = o.putArray("zones");
        for (Zone z : s.zones()) {
            ObjectNode zn = zones.addObject().put("name", z.name()).put("mask", z.mask());
            ArrayNode points = zn.putArray("points");
            for (Point p : z.polygon().points()) {
                points.addArray().add(p.x()).add(p.y());
            }
        }
        try {
            o.set("rules", MAPPER.readTree(s.rules()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rules are not JSON", e);
        }
        o.put("sensitivity", s.sensitivity());
        o.put("minArea", s.minArea());
        return o.toString();
    }

    /** @throws IllegalArgumentException for a document this class did not write */
    public static AnalyticsSettings read(String json) {
        try {
            JsonNode o = MAPPER.readTree(json);
            List<String> objects = new ArrayList<>();
            o.path("objects").forEach(n -> objects.add(n.asText()));
            List<Zone> zones = new ArrayList<>();
            for (JsonNode z : o.path("zones")) {
                List<Point> points = new ArrayList<>();
                z.path("points").forEach(p -> points.add(new Point(p.get(0).asDouble(), p.get(1).asDouble())));
                zones.add(new Zone(z.path("name").asText(), new Polygon(points), z.path("mask").asBoolean()));
            }
            return new AnalyticsSettings(o.path("motion").asBoolean(true), objects,
                    o.path("minConfidence").asDouble(AnalyticsSettings.DEFAULT.minConfidence()), zones,
                    o.has("rules") ? o.get("rules").toString() : "[]",
                    o.path("sensitivity").asDouble(AnalyticsSettings.DEFAULT.sensitivity()),
                    o.path("minArea").asDouble(AnalyticsSettings.DEFAULT.minArea()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an analytics settings document", e);
        }
    }
}
