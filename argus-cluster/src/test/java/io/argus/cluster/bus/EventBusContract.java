package io.argus.cluster.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventBus} does, run against both implementations ({@link InProcessEventBusTest},
 * {@link KafkaEventBusTest}). Group names, keys and payloads are fresh per test, and handlers keep only their
 * test's messages: a new Kafka group starts reading a second before it subscribed, so it may see an earlier test's.
 */
abstract class EventBusContract {
    static final Duration WAIT = Duration.ofSeconds(20);

    EventBus bus;
    String run;

    /** A bus trying a handler {@code maxAttempts} times before the dead-letter topic. */
    abstract EventBus newBus(int maxAttempts);

    @BeforeEach
    void open() {
        bus = newBus(3);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    private void publish(Topic topic, String key, String payload) throws Exception {
        bus.publish(new BusMessage(topic, key, payload)).get(10, TimeUnit.SECONDS);
    }

    /** Keeps the payload of a message of this test. */
    private void keep(List<String> into, BusMessage m) {
        if (m.payload().startsWith(run)) {
            into.add(m.payload());
        }
    }

    @Test
    void everyGroupGetsEveryMessage() throws Exception {
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        bus.subscribe(Topic.CAMERA_CHANGES, "a-" + run, m -> keep(a, m));
        bus.subscribe(Topic.CAMERA_CHANGES, "b-" + run, m -> keep(b, m));
        for (int i = 0; i < 20; i++) {
            publish(Topic.CAMERA_CHANGES, "cam-" + i, run + "-" + i);
        }
        Await.until(WAIT, () -> a.size() >= 20 && b.size() >= 20, () -> "both groups got 20: " + a + " " + b);
        assertThat(a).hasSize(20).containsExactlyInAnyOrderElementsOf(b);
    }

    @Test
    void oneMemberOfAGroupHandlesEachMessage() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        bus.subscribe(Topic.JOBS, "workers-" + run, m -> keep(first, m));
        bus.subscribe(Topic.JOBS, "workers-" + run, m -> keep(second, m));
        // The second member may get its share a heartbeat after it joined (Kafka hands partitions over once the
        // first member released them): publish until both have worked, then count.
        int published = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((first.isEmpty() || second.isEmpty()) && System.nanoTime() < deadline) {
            for (int i = 0; i < 20; i++, published++) {
                publish(Topic.JOBS, "job-" + run + "-" + published, run + "-job-" + published);
            }
            Thread.sleep(50);
        }
        int total = published;
        Await.until(WAIT, () -> first.size() + second.size() >= total, () -> total + " handled: " + first + second);
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).doesNotHaveDuplicates().hasSize(total);
        assertThat(first).as("work is shared").isNotEmpty();
        assertThat(second).as("work is shared").isNotEmpty();
    }

    @Test
    void messagesOfOneKeyAreHandledInOrder() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        bus.subscribe(Topic.CHUNK_CLOSED, "ordered-" + run, m -> {
            if (m.key().equals("cam-" + run)) {
                seen.add(Integer.parseInt(m.payload()));
            }
        });
        for (int i = 0; i < 50; i++) {
            publish(Topic.CHUNK_CLOSED, "cam-" + run, Integer.toString(i));
        }
        Await.until(WAIT, () -> seen.size() >= 50, () -> "50 handled: " + seen);
        List<Integer> sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        assertThat(seen).isEqualTo(sorted);
    }

    @Test
    void aMessageThatFailsNTimesGoesToTheDeadLetterTopicWithItsError() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        List<BusMessage> dead = new CopyOnWriteArrayList<>();
        bus.subscribe(Topic.DEAD_LETTER, "dlq-" + run, m -> {
            if (m.payload().startsWith(run)) {
                dead.add(m);
            }
        });
        bus.subscribe(Topic.EVENTS, "rules-" + run, m -> {
            if (m.payload().equals(run + "-poison")) {
                attempts.incrementAndGet();
                throw new IllegalArgumentException("cannot parse " + m.payload());
            }
            keep(handled, m);
        });
        String key = "cam-" + run;
        publish(Topic.EVENTS, key, run + "-poison");
        publish(Topic.EVENTS, key, run + "-fine");
        Await.until(WAIT, () -> dead.size() == 1 && handled.size() == 1, () -> "dead " + dead + ", handled " + handled);
        assertThat(attempts).hasValue(bus.maxAttempts());
        assertThat(handled).containsExactly(run + "-fine");
        BusMessage letter = dead.get(0);
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.payload()).isEqualTo(run + "-poison");
        assertThat(letter.headers())
                .containsEntry(DeadLetter.ORIGIN_TOPIC, Topic.EVENTS.kafkaName())
                .containsEntry(DeadLetter.GROUP, "rules-" + run)
                .containsEntry(DeadLetter.ATTEMPTS, "3")
                .containsEntry(DeadLetter.ERROR, IllegalArgumentException.class.getName() + ": cannot parse "
                        + run + "-poison");
    }

    @Test
    void lagCountsWhatTheGroupHasNotHandledYet() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentHashMap<String, Boolean> done = new ConcurrentHashMap<>();
        String group = "slow-" + run;
        // A topic no other test writes to: the group's lag counts whatever reaches it.
        bus.subscribe(Topic.USER_CHANGES, group, m -> {
            release.await();
            done.put(m.payload(), true);
        });
        assertThat(bus.groups()).contains(group);
        for (int i = 0; i < 5; i++) {
            publish(Topic.USER_CHANGES, "one-key-" + run, "job-" + i);
        }
        Await.until(WAIT, () -> bus.lag(group) == 5, () -> "lag 5, is " + bus.lag(group));
        release.countDown();
        Await.until(WAIT, () -> done.size() == 5 && bus.lag(group) == 0, () -> "lag 0, is " + bus.lag(group));
    }
}
