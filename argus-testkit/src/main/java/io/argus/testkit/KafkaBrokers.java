package io.argus.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka broker (KRaft, broker and controller in one, Kafka 4.4.0) in the test JVM, started once per JVM by
 * {@link #shared()} in about 4.5 s and stopped when the JVM ends. Needs {@code org.apache.kafka:kafka_2.13} on the
 * test class path (an optional dependency of the testkit, like s3proxy).
 *
 * <p>Settings are the fast ones measured in DEPENDENCIES.md ("Kafka consumer groups as the placement engine"): a
 * dead group member is noticed after a 1,000 ms session (250 ms heartbeats) under both the KIP-848 {@code consumer}
 * protocol and the classic one, the first rebalance is not delayed, and the internal topics have one partition so
 * the first group does not wait for 50 offsets partitions to be created, and the coordinator computes a new
 * assignment as soon as membership changes (Kafka 4.4's {@code group.consumer.assignment.interval.ms} batches them
 * once a second by default). {@link #SETTINGS} lists them for the docs.
 */
public final class KafkaBrokers {
    /** The broker settings beyond a single-node KRaft minimum; docs/cluster.md quotes them. */
    public static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("group.consumer.session.timeout.ms", "1000"),
            Map.entry("group.consumer.heartbeat.interval.ms", "250"),
            Map.entry("group.consumer.min.session.timeout.ms", "500"),
            Map.entry("group.consumer.min.heartbeat.interval.ms", "100"),
            // Kafka 4.4 batches target-assignment updates, by default once a second: that second would add to
            // every failover, so a new assignment is computed as soon as membership changes.
            Map.entry("group.consumer.assignment.interval.ms", "0"),
            Map.entry("group.min.session.timeout.ms", "500"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("offsets.topic.num.partitions", "1"),
            // A test JVM's broker stops with the JVM: no partition leadership to hand over first.
            Map.entry("controlled.shutdown.enable", "false"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"));

    private static KafkaBrokers shared;

    private final KafkaRaftServer server;
    private final String bootstrap;
    private final TcpProxy proxy;

    private KafkaBrokers(KafkaRaftServer server, String bootstrap, TcpProxy proxy) {
        this.server = server;
        this.bootstrap = bootstrap;
        this.proxy = proxy;
    }

    /** The JVM's broker, started on first use and stopped by a shutdown hook. */
    public static synchronized KafkaBrokers shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "kafka-broker-stop"));
        }
        return shared;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrap;
    }

    /**
     * The broker behind a {@link TcpProxy} that a test can cut (a network partition between a client and Kafka):
     * the broker's second listener, {@code PROXIED}, advertises the proxy's address, so a client that bootstraps
     * here reaches the broker only through the proxy. Use {@code "127.0.0.1:" + proxy().port()} as its bootstrap.
     */
    public TcpProxy proxy() {
        return proxy;
    }

    private static KafkaBrokers start() {
        try {
            Path dir = Files.createTempDirectory("argus-kafka");
            int brokerPort = freePort();
            int controllerPort = freePort();
            int proxiedPort = freePort();
            TcpProxy proxy = TcpProxy.start(0, new InetSocketAddress("127.0.0.1", proxiedPort));
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort
                    + ",PROXIED://127.0.0.1:" + proxiedPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort
                    + ",PROXIED://127.0.0.1:" + proxy.port());
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,PROXIED:PLAINTEXT");
            p.put("log.dirs", dir.toString());
            p.putAll(SETTINGS);
            KafkaConfig config = KafkaConfig.fromProps(p, false);
            new Formatter().setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(1).setClusterId("argus-test-cluster-0001").setDirectories(List.of(dir.toString()))
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName("CONTROLLER").setMetadataLogDirectory(dir.toString()).run();
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new KafkaBrokers(server, "127.0.0.1:" + brokerPort, proxy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the in-JVM Kafka broker did not start", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void stop() {
        server.shutdown();
        server.awaitShutdown();
    }
}
