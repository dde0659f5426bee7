package io.argus.server.cluster;

/**
 * What a node says of itself on {@code argus.nodes}.
 *
 * @param state   {@code up}, or {@code stopped} in its last announcement
 * @param cameras cameras in the shards it owns
 * @param shards  how many shards it owns
 * @param version the Argus version it runs (null from a node older than this field)
 */
public record NodeAnnouncement(String name, String url, String state, int cameras, int capacity, int shards,
                               String version) {
    public static final String UP = "up";
    public static final String STOPPED = "stopped";
}
