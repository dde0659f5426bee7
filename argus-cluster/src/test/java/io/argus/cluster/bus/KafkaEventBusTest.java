package io.argus.cluster.bus;

import io.argus.testkit.KafkaBrokers;
import io.argus.testkit.tier.E2e;
import java.time.Duration;

/** The contract on a real broker (the JVM's in-JVM KRaft broker). */
@E2e
class KafkaEventBusTest extends EventBusContract {
    @Override
    EventBus newBus(int maxAttempts) {
        return new KafkaEventBus(new KafkaBusConfig(KafkaBrokers.shared().bootstrapServers(), "test-node",
                KafkaBusConfig.DEFAULT_PARTITIONS, maxAttempts, Duration.ofSeconds(30)));
    }
}
