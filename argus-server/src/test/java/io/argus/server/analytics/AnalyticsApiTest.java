package io.argus.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.E2e;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code PUT /api/v1/cameras/{id}/analytics} stores only rules the rules engine reads (the UI's zone and line editor
 * writes them): zones, masks and a line-crossing rule round-trip; rules the engine would run as none are a 400 that
 * names what is wrong, and leave the stored settings as they were.
 */
@E2e
class AnalyticsApiTest {
    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1);

    private static final String ZONES = "\"zones\": [{\"name\": \"yard\", \"points\": [[0.1, 0.5], [0.9, 0.5],"
            + " [0.9, 1], [0.1, 1]]}, {\"name\": \"clock\", \"points\": [[0, 0], [0.2, 0], [0.2, 0.1]], \"mask\": true}]";

    private static String path() {
        return "/api/v1/cameras/" + node.camera(0) + "/analytics";
    }

    @Test
    void zonesMasksAndALineRuleRoundTrip() {
        Answer put = node.api().put(path(), "{" + ZONES + ", \"rules\": [{\"name\": \"intruder\", \"type\": \"zone\","
                + " \"area\": \"yard\", \"classes\": [\"person\"]}, {\"name\": \"in\", \"type\": \"line_crossing\","
                + " \"area\": \"gate\", \"from\": [0.5, 0.3], \"to\": [0.5, 0.9], \"direction\": \"left_to_right\"}]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode got = node.api().get(path()).json();
        assertThat(got.get("zones").findValuesAsText("name")).containsExactly("yard", "clock");
        assertThat(got.get("zones").get(1).get("mask").asBoolean()).isTrue();
        assertThat(got.get("rules").get(1).get("from").toString()).isEqualTo("[0.5,0.3]");
        assertThat(got.get("rules").get(1).get("direction").asText()).isEqualTo("left_to_right");
    }

    @Test
    void rulesTheEngineCannotReadAreRefusedInWords() {
        node.api().put(path(), "{" + ZONES + ", \"rules\": []}");
        String before = node.api().get(path()).json().get("rules").toString();
        assertRefused("{\"rules\": [{\"name\": \"x\", \"type\": \"teleport\", \"area\": \"yard\"}]}",
                "x.type: unknown value teleport");
        assertRefused("{\"rules\": [{\"name\": \"x\", \"type\": \"zone\", \"area\": \"garden\"}]}",
                "refers to no zone named garden");
        assertRefused("{\"rules\": [{\"name\": \"x\", \"type\": \"zone\", \"area\": \"clock\"}]}",
                "refers to no zone named clock");
        assertRefused("{\"rules\": [{\"name\": \"x\", \"type\": \"loitering\", \"area\": \"yard\"}]}",
                "a loitering rule needs a positive dwell");
        assertRefused("{\"rules\": [{\"name\": \"x\", \"type\": \"line_crossing\", \"area\": \"gate\","
                + " \"from\": [0.5, 0.3], \"to\": [0.5]}]}", "a point is [x, y]");
        assertRefused("{\"rules\": [{\"type\": \"zone\", \"area\": \"yard\"}]}", "name is required");
        // Removing a zone that a rule watches is refused too: the rule would stop working silently.
        node.api().put(path(), "{\"rules\": [{\"name\": \"intruder\", \"type\": \"zone\", \"area\": \"yard\"}]}");
        assertRefused("{\"zones\": []}", "refers to no zone named yard");
        assertThat(node.api().get(path()).json().get("zones")).hasSize(2);
        node.api().put(path(), "{\"rules\": []}");
        assertThat(node.api().get(path()).json().get("rules").toString()).isEqualTo(before);
    }

    private static void assertRefused(String body, String words) {
        Answer a = node.api().put(path(), body);
        assertThat(a.status()).as(body + " → " + a.body()).isEqualTo(400);
        assertThat(a.json().get("error").asText()).isEqualTo("validation_failed");
        assertThat(a.json().get("message").asText()).startsWith("rules: ").contains(words);
        assertThat(a.body()).doesNotContain("Exception");
    }
}
