package io.argus.analytics.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A camera's zones, lines and the rules on them; names are unique, and every rule's area exists. */
public record CameraRules(List<Zone> zones, List<Line> lines, List<Rule> rules) {
    public static final CameraRules NONE = new CameraRules(List.of(), List.of(), List.of());

    public CameraRules {
        zones = List.copyOf(zones);
        lines = List.copyOf(lines);
        rules = List.copyOf(rules);
        Set<String> names = new HashSet<>();
        zones.forEach(z -> unique(names, z.name()));
        lines.forEach(l -> unique(names, l.name()));
        Set<String> ruleNames = new HashSet<>();
        for (Rule r : rules) {
            unique(ruleNames, r.name());
            boolean isLine = lines.stream().anyMatch(l -> l.name().equals(r.area()));
            boolean isZone = zones.stream().anyMatch(z -> z.name().equals(r.area()));
            if (r.kind() == Rule.Kind.LINE_CROSSING ? !isLine : !isZone) {
                throw new IllegalArgumentException("rule " + r.name() + " (" + r.kind() + ") refers to no "
                        + (r.kind() == Rule.Kind.LINE_CROSSING ? "line" : "zone") + " named " + r.area());
            }
        }
    }

    private static void unique(Set<String> names, String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate name " + name);
        }
    }

    Map<String, Zone> zonesByName() {
        return zones.stream().collect(Collectors.toMap(Zone::name, Function.identity()));
    }

    Map<String, Line> linesByName() {
        return lines.stream().collect(Collectors.toMap(Line::name, Function.identity()));
    }
}
