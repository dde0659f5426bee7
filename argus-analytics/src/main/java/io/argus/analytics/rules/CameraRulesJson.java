package io.argus.analytics.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.analytics.geom.Point;
import io.argus.analytics.geom.Polygon;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON form of a camera's zones, lines and rules (the {@code zones}, {@code lines} and {@code rules} members of
 * {@code /api/v1/cameras/{id}/analytics}):
 * <pre>{@code
 * {"zones": [{"name": "yard", "points": [[0.1, 0.5], [0.9, 0.5], [0.9, 1], [0.1, 1]]}],
 *  "lines": [{"name": "gate", "from": [0.5, 0.3], "to": [0.5, 0.9]}],
 *  "rules": [{"name": "intruder", "type": "zone", "area": "yard", "classes": ["person"], "minConfidence": 0.6,
 *             "minArea": 0.001, "schedule": {"timeZone": "Europe/Paris",
 *                                            "windows": [{"days": ["MON", "TUE"], "from": "22:00", "to": "06:00"}]}},
 *            {"name": "loiter", "type": "loitering", "area": "yard", "dwellSeconds": 30},
 *            {"name": "in", "type": "line_crossing", "area": "gate", "direction": "left_to_right"},
 *            {"name": "crowd", "type": "count", "area": "yard", "minCount": 3}]}
 * }</pre>
 * Points are frame-relative (0..1). Omitted: {@code classes} any, {@code minConfidence} 0.5, {@code minArea} 0,
 * {@code direction} both, {@code schedule} always ({@code days} omitted: every day). Malformed input throws
 * {@link IllegalArgumentException} with a message for the person who wrote it.
 */
public final class CameraRulesJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final float DEFAULT_MIN_CONFIDENCE = 0.5f;

    private CameraRulesJson() {
    }

    public static CameraRules parse(JsonNode node) {
        List<Zone> zones = new ArrayList<>();
        for (JsonNode z : array(node, "zones")) {
            List<Point> points = new ArrayList<>();
            for (JsonNode p : array(z, "points")) {
                points.add(point(p));
            }
            zones.add(new Zone(text(z, "name"), new Polygon(points)));
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode l : array(node, "lines")) {
            lines.add(new Line(text(l, "name"), point(l.path("from")), point(l.path("to"))));
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : array(node, "rules")) {
            rules.add(rule(r));
        }
        return new CameraRules(zones, lines, rules);
    }

    private static Rule rule(JsonNode r) {
        String name = text(r, "name");
        Rule.Kind kind = enumValue(Rule.Kind.class, text(r, "type"), name + ".type");
        Set<String> classes = new HashSet<>();
        array(r, "classes").forEach(c -> classes.add(c.asText()));
        Direction direction = r.has("direction")
                ? enumValue(Direction.class, r.path("direction").asText(), name + ".direction") : null;
        Duration dwell = r.has("dwellSeconds") ? Duration.ofMillis((long) (r.path("dwellSeconds").asDouble() * 1000))
                : null;
        return new Rule(name, kind, text(r, "area"), classes,
                (float) r.path("minConfidence").asDouble(DEFAULT_MIN_CONFIDENCE), r.path("minArea").asDouble(0),
                dwell, direction, r.path("minCount").asInt(0), schedule(r.path("schedule"), name));
    }

    private static Schedule schedule(JsonNode s, String rule) {
        if (s.isMissingNode() || s.isNull()) {
            return null;
        }
        try {
            List<Schedule.Window> windows = new ArrayList<>();
            for (JsonNode w : array(s, "windows")) {
                Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                for (JsonNode d : array(w, "days")) {
                    days.add(day(d.asText(), rule));
                }
                windows.add(new Schedule.Window(days, LocalTime.parse(text(w, "from")),
                        LocalTime.parse(text(w, "to"))));
            }
            return new Schedule(ZoneId.of(s.path("timeZone").asText("UTC")), windows);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(rule + ".schedule: " + e.getMessage(), e);
        }
    }

    private static DayOfWeek day(String text, String rule) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(text.toUpperCase(Locale.ROOT)) && text.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException(rule + ".schedule: unknown day " + text + " (MON..SUN)");
    }

    /**
     * A camera's rules as its analytics settings keep them: {@code rules} is the JSON list of rules, the zones come
     * from the settings' zones, and a line-crossing rule draws its line itself with {@code from} and {@code to}
     * (named after its {@code area}).
     */
    public static CameraRules parse(String rules, List<Zone> zones) {
        ObjectNode json = toJson(new CameraRules(zones, List.of(), List.of()));
        ArrayNode lines = json.putArray("lines");
        JsonNode list;
        try {
            list = JSON.readTree(rules);
        } catch (IOException e) {
            throw new IllegalArgumentException("rules are not JSON: " + e.getMessage(), e);
        }
        for (JsonNode r : list) {
            if (r.has("from") && r.has("to")) {
                ObjectNode line = lines.addObject().put("name", r.path("area").asText());
                line.set("from", r.get("from"));
                line.set("to", r.get("to"));
            }
        }
        json.set("rules", list);
        return parse(json);
    }

    public static ObjectNode toJson(CameraRules rules) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode zones = root.putArray("zones");
        for (Zone z : rules.zones()) {
            ArrayNode points = zones.addObject().put("name", z.name()).putArray("points");
            z.area().points().forEach(p -> points.addArray().add(p.x()).add(p.y()));
        }
        ArrayNode lines = root.putArray("lines");
        for (Line l : rules.lines()) {
            ObjectNode o = lines.addObject().put("name", l.name());
            o.putArray("from").add(l.a().x()).add(l.a().y());
            o.putArray("to").add(l.b().x()).add(l.b().y());
        }
        ArrayNode list = root.putArray("rules");
        for (Rule r : rules.rules()) {
            ObjectNode o = list.addObject().put("name", r.name()).put("type", r.kind().name().toLowerCase(Locale.ROOT))
                    .put("area", r.area());
            ArrayNode classes = o.putArray("classes");
            r.classes().stream().sorted().forEach(classes::add);
            o.put("minConfidence", r.minConfidence()).put("minArea", r.minArea());
            switch (r.kind()) {
                case LOITERING -> o.put("dwellSeconds", r.dwell().toMillis() / 1000.0);
                case LINE_CROSSING -> o.put("direction", r.direction().name().toLowerCase(Locale.ROOT));
                case COUNT -> o.put("minCount", r.minCount());
                case ZONE -> { }
            }
            if (!r.schedule().windows().isEmpty()) {
                ObjectNode s = o.putObject("schedule").put("timeZone", r.schedule().timeZone().getId());
                ArrayNode windows = s.putArray("windows");
                for (Schedule.Window w : r.schedule().windows()) {
                    ObjectNode wo = windows.addObject();
                    ArrayNode days = wo.putArray("days");
                    w.days().forEach(d -> days.add(d.name().substring(0, 3)));
                    wo.put("from", w.from().toString()).put("to", w.to().toString());
                }
            }
        }
        return root;
    }

    private static Point point(JsonNode p) {
        if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException("a point is [x, y] (frame-relative 0..1), got " + p);
        }
        return new Point(p.get(0).asDouble(), p.get(1).asDouble());
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode a = node.path(field);
        if (a.isMissingNode() || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException(field + " is a list, got " + a);
        }
        return a;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required (a string) in " + node);
        }
        return v.asText();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String where) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown value " + text + ", expected one of "
                    + EnumSet.allOf(type).toString().toLowerCase(Locale.ROOT), e);
        }
    }
}
