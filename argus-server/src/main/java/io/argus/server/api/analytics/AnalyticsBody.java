package io.argus.server.api.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A camera's analytics; a field left out keeps its value.
 *
 * @param motion        detect motion (and make motion events)
 * @param objects       object classes to detect (COCO names such as person, car)
 * @param minConfidence detections below this are ignored (0..1)
 * @param zones         zones and masks
 * @param rules         rules per zone (class, minimum confidence and size, dwell, line crossing, counting,
 *                      schedule), kept as given for the rules engine
 * @param sensitivity   motion sensitivity 0..1
 * @param minArea       smallest moving region as a share of the frame, 0..1
 */
public record AnalyticsBody(Boolean motion, List<String> objects, Double minConfidence, List<ZoneBody> zones,
                            List<JsonNode> rules, Double sensitivity, Double minArea) {
}
