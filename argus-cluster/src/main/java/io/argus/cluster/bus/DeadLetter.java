package io.argus.cluster.bus;

import java.util.HashMap;
import java.util.Map;

/** The headers a message carries on {@link Topic#DEAD_LETTER}: where it came from and why it failed. */
public final class DeadLetter {
    public static final String ORIGIN_TOPIC = "argus.origin-topic";
    public static final String GROUP = "argus.group";
    public static final String ATTEMPTS = "argus.attempts";
    /** The last failure: the exception's class and message. */
    public static final String ERROR = "argus.error";

    private DeadLetter() {
    }

    /** The dead letter of {@code message}, which {@code group}'s handler failed {@code attempts} times. */
    static BusMessage of(BusMessage message, String group, int attempts, Exception last) {
        Map<String, String> h = new HashMap<>(message.headers());
        h.put(ORIGIN_TOPIC, message.topic().kafkaName());
        h.put(GROUP, group);
        h.put(ATTEMPTS, Integer.toString(attempts));
        h.put(ERROR, last.getClass().getName() + ": " + last.getMessage());
        return new BusMessage(Topic.DEAD_LETTER, message.key(), message.payload(), h);
    }
}
