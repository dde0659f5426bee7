package io.argus.onvif.client;

import io.argus.onvif.xml.XmlElement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One notification from a pull point (ONVIF Core §9.1, WS-BaseNotification {@code NotificationMessage}): the topic
 * (e.g. {@code tns1:RuleEngine/CellMotionDetector/Motion}), the device's time, the property operation
 * ({@code Initialized}, {@code Changed}, {@code Deleted}) and the Source and Data simple items.
 */
public record OnvifEvent(String topic, Instant time, String operation, Map<String, String> source,
                         Map<String, String> data) {

    public static List<OnvifEvent> parseAll(XmlElement pullMessagesResponse, Instant fallbackTime) {
        return pullMessagesResponse.children("NotificationMessage").stream()
                .map(m -> parse(m, fallbackTime)).toList();
    }

    static OnvifEvent parse(XmlElement notification, Instant fallbackTime) {
        String topic = notification.textAt("Topic");
        XmlElement msg = notification.at("Message", "Message").orElse(notification);
        Instant at = fallbackTime;
        try {
            at = msg.attr("UtcTime").map(Instant::parse).orElse(fallbackTime);
        } catch (DateTimeParseException e) {
            // Some devices write local time without a zone (seen on Dahua firmware 2.6): keep when we pulled it.
            at = fallbackTime;
        }
        return new OnvifEvent(topic, at, msg.attr("PropertyOperation").orElse(""), items(msg, "Source"),
                items(msg, "Data"));
    }

    private static Map<String, String> items(XmlElement msg, String part) {
        Map<String, String> out = new LinkedHashMap<>();
        msg.child(part).ifPresent(p -> p.children("SimpleItem").forEach(
                i -> out.put(i.attr("Name").orElse(""), i.attr("Value").orElse(""))));
        return out;
    }
}
