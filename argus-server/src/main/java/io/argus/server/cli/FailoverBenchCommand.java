package io.argus.server.cli;

import io.argus.bench.ArgusCluster;
import io.argus.bench.BenchRun;
import io.argus.bench.DiskEstimate;
import io.argus.bench.FailoverBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code argus bench failover}: kill -9 nodes of a real cluster and measure how long their cameras are away. */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Run N nodes (server processes) on the given Kafka and PostgreSQL with M simulated cameras, "
                + "kill -9 a node K times (each restarted after) and report the failover time (until every camera "
                + "of the killed node is live on a node that owns its shard, as the API shows it) p50/p99, the "
                + "recording gap per kill, the cameras that change owner when the node rejoins, then one SIGTERM "
                + "hand-over. The database must be empty (or one a previous run used).")
final class FailoverBenchCommand implements Callable<Integer> {
    /** The broker's group settings that decide the failover time, printed with the result. */
    static final List<String> BROKER_KEYS = List.of("group.consumer.session.timeout.ms",
            "group.consumer.heartbeat.interval.ms", "group.consumer.min.session.timeout.ms",
            "group.consumer.min.heartbeat.interval.ms", "group.consumer.assignment.interval.ms");

    @Option(names = "--nodes", defaultValue = "3", description = "Nodes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--cameras", defaultValue = "30", description = "Cameras (default ${DEFAULT-VALUE}).")
    int cameras;

    @Option(names = "--kills", defaultValue = "10", description = "kill -9 rounds (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--kafka", required = true, description = "Kafka bootstrap servers (KRaft, Kafka 4; session "
            + "timeouts down to 1000 ms allowed, see docs/cluster.md).")
    String kafka;

    @Option(names = "--metadata-url", required = true, description = "jdbc:postgresql://… of an empty database; "
            + "the password from ARGUS_METADATA_PASSWORD.")
    String metadataUrl;

    @Option(names = "--metadata-user", defaultValue = "argus", description = "Its role (default ${DEFAULT-VALUE}).")
    String metadataUser;

    @Option(names = "--shards", defaultValue = "64", description = "cluster.shards (default ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--node-heap", defaultValue = "384m", description = "Each node's -Xmx (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--work-dir", description = "Folder to make the run's folder in (default: $TMPDIR).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the nodes' data when the run ends (the logs are always kept).")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        String password = System.getenv().getOrDefault("ARGUS_METADATA_PASSWORD", "");
        // Each node can take every camera: a kill never leaves the others over their capacity.
        ArgusCluster.Spec cluster = new ArgusCluster.Spec(nodes, cameras, shards, Math.max(cameras, 25), kafka,
                metadataUrl, metadataUser, password, Duration.ofSeconds(2), ArgusCli.class.getName(),
                ArgusCluster.nodeJvm(heap));
        FailoverBench.Config cfg = new FailoverBench.Config(cluster, kills, true, brokerSettings(kafka));
        try (BenchRun run = BenchRun.open(workDir != null ? workDir : BenchRun.defaultParent(),
                DiskEstimate.ofFailover(nodes, cameras, kills, 30), keep, out)) {
            FailoverBench.Result r = FailoverBench.run(cfg, run, out);
            out.println();
            r.print(out);
        }
        return 0;
    }

    /** The broker's values of {@link #BROKER_KEYS} (its first broker's), or why they could not be read. */
    static Map<String, String> brokerSettings(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            String broker = Integer.toString(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)
                    .iterator().next().id());
            ConfigResource r = new ConfigResource(ConfigResource.Type.BROKER, broker);
            Config c = admin.describeConfigs(List.of(r)).all().get(10, TimeUnit.SECONDS).get(r);
            Map<String, String> out = new TreeMap<>();
            for (String k : BROKER_KEYS) {
                out.put(k, c.get(k) == null ? "?" : c.get(k).value());
            }
            return out;
        } catch (Exception e) {
            return Map.of("unreadable", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
