package io.argus.server.api.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A camera's analytics settings, and its counters when this node analyses it (else null). */
public record AnalyticsResponse(boolean motion, List<String> objects, double minConfidence, List<ZoneBody> zones,
                                List<JsonNode> rules, double sensitivity, double minArea,
                                AnalyticsStatsResponse stats) {
}
