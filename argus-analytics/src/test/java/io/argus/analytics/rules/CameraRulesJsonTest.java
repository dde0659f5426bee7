package io.argus.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CameraRulesJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The example of CameraRulesJson's javadoc. */
    private static final String EXAMPLE = """
            {"zones": [{"name": "yard", "points": [[0.1, 0.5], [0.9, 0.5], [0.9, 1], [0.1, 1]]}],
             "lines": [{"name": "gate", "from": [0.5, 0.3], "to": [0.5, 0.9]}],
             "rules": [{"name": "intruder", "type": "zone", "area": "yard", "classes": ["person"],
                        "minConfidence": 0.6, "minArea": 0.001, "schedule": {"timeZone": "Europe/Paris",
                        "windows": [{"days": ["MON", "TUE"], "from": "22:00", "to": "06:00"}]}},
                       {"name": "loiter", "type": "loitering", "area": "yard", "dwellSeconds": 30},
                       {"name": "in", "type": "line_crossing", "area": "gate", "direction": "left_to_right"},
                       {"name": "crowd", "type": "count", "area": "yard", "minCount": 3}]}
            """;

    @Test
    void parsesTheDocumentedExample() throws Exception {
        CameraRules rules = CameraRulesJson.parse(JSON.readTree(EXAMPLE));
        assertThat(rules.zones()).singleElement().satisfies(z -> assertThat(z.area().area()).isCloseTo(0.4, within(1e-9)));
        assertThat(rules.rules()).extracting(Rule::kind).containsExactly(Rule.Kind.ZONE, Rule.Kind.LOITERING,
                Rule.Kind.LINE_CROSSING, Rule.Kind.COUNT);
        Rule intruder = rules.rules().get(0);
        assertThat(intruder.classes()).containsExactly("person");
        assertThat(intruder.minConfidence()).isEqualTo(0.6f);
        assertThat(intruder.schedule().windows()).singleElement().satisfies(w -> {
            assertThat(w.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
            assertThat(w.from()).isEqualTo(LocalTime.of(22, 0));
        });
        assertThat(rules.rules().get(1).dwell()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rules.rules().get(1).minConfidence()).isEqualTo(0.5f);
        assertThat(rules.rules().get(2).direction()).isEqualTo(Direction.LEFT_TO_RIGHT);
        assertThat(rules.rules().get(3).minCount()).isEqualTo(3);
    }

    @Test
    void writesWhatItReads() throws Exception {
        CameraRules rules = CameraRulesJson.parse(JSON.readTree(EXAMPLE));
        assertThat(CameraRulesJson.parse(CameraRulesJson.toJson(rules))).isEqualTo(rules);
        assertThat(CameraRulesJson.toJson(rules).path("rules").get(2).path("direction").asText())
                .isEqualTo("left_to_right");
    }

    @Test
    void malformedRulesAreRefusedWithAMessageForAPerson() {
        assertThatThrownBy(() -> CameraRulesJson.parse(JSON.readTree(
                "{\"rules\": [{\"name\": \"r\", \"type\": \"teleport\", \"area\": \"x\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r.type: unknown value teleport");
        assertThatThrownBy(() -> CameraRulesJson.parse(JSON.readTree(
                "{\"rules\": [{\"name\": \"r\", \"type\": \"zone\", \"area\": \"nowhere\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no zone named nowhere");
        assertThatThrownBy(() -> CameraRulesJson.parse(JSON.readTree(
                "{\"zones\": [{\"name\": \"z\", \"points\": [[0.1], [0.2, 0.2], [0.3, 0.3]]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a point is [x, y]");
        assertThatThrownBy(() -> CameraRulesJson.parse(JSON.readTree(
                "{\"zones\": [{\"name\": \"z\", \"points\": [[0, 0], [2, 0], [0, 1]]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
        assertThatThrownBy(() -> CameraRulesJson.parse(JSON.readTree(
                "{\"zones\": [{\"name\": \"z\", \"points\": [[0, 0], [1, 0], [0, 1]]}], \"rules\": [{\"name\": \"r\","
                        + " \"type\": \"loitering\", \"area\": \"z\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive dwell");
        assertThat(CameraRulesJson.parse(JSON.createObjectNode())).isEqualTo(CameraRules.NONE);
    }
}
