package io.argus.cluster.bus;

/**
 * Handles one message. Throwing means "failed": the bus delivers the message again, up to
 * {@link EventBus#maxAttempts()} times in all, then puts it on {@link Topic#DEAD_LETTER} and goes on with the next.
 * Delivery is at least once: a handler must tolerate seeing a message twice (after a crash or a hand-over).
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(BusMessage message) throws Exception;
}
