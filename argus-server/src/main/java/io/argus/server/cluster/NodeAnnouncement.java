package io.argus.server.cluster;

/**
 * What a node says of itself on {@code argus.nodes}.
 *
 * @param state   {@code up}, or {@code stopped} in its last announcement
 * @param cameras cameras in the shards it owns
 */
public record NodeAnnouncement(String name, String url, String state, int cameras, int capacity) {
    public static final String UP = "up";
    public static final String STOPPED = "stopped";
}
