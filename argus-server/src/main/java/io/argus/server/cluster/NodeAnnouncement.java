package io.argus.server.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a node says of itself on {@code argus.nodes}. Read leniently: a newer node may add fields.
 *
 * @param state   {@code up}, or {@code stopped} in its last announcement
 * @param cameras cameras in the shards it owns
 * @param rtsp    how other nodes reach its RTSP re-stream ({@code rtsp://host:port}), to relay its cameras
 * @param shards  the shards it owns, as {@link io.argus.cluster.shard.ShardRanges}
 * @param version the Argus version it runs (null from a node older than this field)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeAnnouncement(String name, String url, String state, int cameras, int capacity, String rtsp,
                               String shards, String version) {
    public static final String UP = "up";
    public static final String STOPPED = "stopped";

    /** A node that owns no shard (stopped, or not yet assigned). */
    public NodeAnnouncement(String name, String url, String state, int cameras, int capacity) {
        this(name, url, state, cameras, capacity, "", "", null);
    }
}
