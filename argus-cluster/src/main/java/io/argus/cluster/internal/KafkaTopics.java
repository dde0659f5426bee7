package io.argus.cluster.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Topic look-ups the bus and the shard group share. */
public final class KafkaTopics {
    /** Between two looks at a topic just created: brokers learn of it a moment after the controller. */
    private static final long RETRY_MS = 100;

    private KafkaTopics() {
    }

    /**
     * The partition count of {@code topic}, asked again while the broker does not know it yet (a topic created a
     * moment ago reaches the brokers' metadata after its creation returned; a 4096-partition one takes a while).
     */
    public static int partitions(Admin admin, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_MS);
            }
        }
    }
}
