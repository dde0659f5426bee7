package io.argus.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.cluster.bus.BusMessage;
import io.argus.cluster.bus.EventBus;
import io.argus.cluster.bus.Topic;
import io.argus.metadata.AuditEntry;
import io.argus.metadata.AuditRecord;
import io.argus.server.audit.AuditActions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the committed changes other nodes must act on, taken from the audit trail: every change of a camera
 * (recording and analytics settings included) or a user is audited once, whichever door it came through, after it is stored, so the
 * trail is the one place that sees them all. A camera change goes to {@link Topic#CAMERA_CHANGES} keyed by the
 * camera's id, a user change or revocation to {@link Topic#USER_CHANGES} keyed by the user's id; the payload is
 * {@code {"action", "tenant", "target"}}, for the receiver to reload what changed from the shared database.
 */
public final class ChangePublisher implements Consumer<AuditRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangePublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Topic> TOPICS = Map.of(
            AuditActions.CAMERA_CREATE, Topic.CAMERA_CHANGES,
            AuditActions.CAMERA_UPDATE, Topic.CAMERA_CHANGES,
            AuditActions.CAMERA_DELETE, Topic.CAMERA_CHANGES,
            AuditActions.CAMERA_RECORDING, Topic.CAMERA_CHANGES,
            AuditActions.CAMERA_ANALYTICS, Topic.CAMERA_CHANGES,
            AuditActions.USER_UPDATE, Topic.USER_CHANGES,
            AuditActions.USER_DELETE, Topic.USER_CHANGES,
            AuditActions.USER_PASSWORD, Topic.USER_CHANGES,
            AuditActions.TOKEN_REVOKE, Topic.USER_CHANGES);

    private final EventBus bus;

    public ChangePublisher(EventBus bus) {
        this.bus = bus;
    }

    /** The topic a record of {@code action} goes to, if any. */
    static Optional<Topic> topicOf(String action) {
        return Optional.ofNullable(TOPICS.get(action));
    }

    @Override
    public void accept(AuditRecord record) {
        AuditEntry e = record.entry();
        Optional<Topic> topic = topicOf(e.action());
        if (topic.isEmpty() || !AuditEntry.OK.equals(e.outcome()) || e.targetId() == null) {
            return;
        }
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("action", e.action());
        payload.put("tenant", String.valueOf(e.tenantId()));
        payload.put("target", e.targetId());
        try {
            bus.publish(new BusMessage(topic.get(), e.targetId(), JSON.writeValueAsString(payload)))
                    .whenComplete((ok, err) -> {
                        if (err != null) {
                            LOG.warn("{} of {} not published: {}", e.action(), e.targetId(), err.toString());
                        }
                    });
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
