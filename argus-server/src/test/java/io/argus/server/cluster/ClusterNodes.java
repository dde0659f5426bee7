package io.argus.server.cluster;

import io.argus.media.path.PathState;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.storage.record.RecordingState;
import io.argus.testkit.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Nodes of a test cluster in this JVM (one Kafka broker, one PostgreSQL database, {@link ClusterModeTest#SHARDS}
 * shards), and what the cluster tests read of them: which node ingests a camera, and its chunks in the shared index.
 */
final class ClusterNodes {
    static final String PASSWORD = "correct-horse-battery";

    private ClusterNodes() {
    }

    /** A chunk as the shared index has it, with the fencing epoch it was indexed in. */
    record Row(String location, Instant start, Instant end, long epoch) {
    }

    /** Node {@code name} in {@code dir}, with {@code more} settings over the cluster's. */
    static ArgusServer start(Path dir, String name, String kafka, EmbeddedPostgres.Database db,
                             Map<String, String> more) {
        Map<String, String> config = new HashMap<>(Map.of("admin.password", PASSWORD, "cluster.kafka", kafka,
                "cluster.node", name, "cluster.capacity", "50", "cluster.shards",
                Integer.toString(ClusterModeTest.SHARDS), "cluster.secret", ClusterModeTest.SECRET,
                "metadata.url", db.url(), "metadata.user", db.user(), "metadata.password", db.password()));
        config.putAll(more);
        return ArgusServer.start(ArgusConfig.ephemeral(dir.resolve(name), config));
    }

    /** The camera's chunks in the shared index, oldest first. */
    static List<Row> chunks(Connection sql, UUID camera) throws SQLException {
        try (PreparedStatement ps = sql.prepareStatement("SELECT location, start_time, end_time, fence_epoch"
                + " FROM chunks WHERE camera_id = ? ORDER BY start_time")) {
            ps.setObject(1, camera);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getLong(4)));
                }
                return out;
            }
        }
    }

    /** The node pulls the camera and records it. */
    static boolean liveAndRecording(ArgusServer n, UUID camera) {
        return n.paths().get(camera.toString()).map(p -> p.state() == PathState.LIVE).orElse(false)
                && n.recording().service().status(camera).map(s -> s.state() == RecordingState.RECORDING)
                        .orElse(false);
    }

    /** The node does not pull the camera (its path is remote) and has no recorder of it. */
    static boolean remote(ArgusServer n, UUID camera) {
        return n.paths().get(camera.toString()).map(p -> p.state() == PathState.REMOTE).orElse(false)
                && n.recording().service().status(camera).isEmpty();
    }
}
