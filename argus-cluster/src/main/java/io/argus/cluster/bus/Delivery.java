package io.argus.cluster.bus;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one delivery rule both buses share: up to N attempts, then the dead-letter topic. */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private Delivery() {
    }

    /**
     * Hands {@code message} to {@code handler} until it succeeds or has failed {@code maxAttempts} times; then passes
     * its dead letter to {@code deadLetters}. Returns normally either way, so the caller goes on with the next one.
     */
    static void deliver(BusMessage message, String group, MessageHandler handler, int maxAttempts,
            Consumer<BusMessage> deadLetters) {
        Exception last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                handler.handle(message);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                last = e;
            }
        }
        LOG.warn("group {} failed {} times on {} key {}: to the dead-letter topic ({})", group, maxAttempts,
                message.topic().kafkaName(), message.key(), last.toString());
        deadLetters.accept(DeadLetter.of(message, group, maxAttempts, last));
    }
}
