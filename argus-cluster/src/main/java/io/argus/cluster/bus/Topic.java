package io.argus.cluster.bus;

/** The bus's topics, each named as Kafka knows it. Messages are keyed by what they are about (a camera's id). */
public enum Topic {
    /** A camera added, changed (recording mode included) or deleted. Every node acts on it. */
    CAMERA_CHANGES("argus.camera-changes"),
    /** A user changed, deleted or revoked (password changed, token revoked): every node drops its sessions. */
    USER_CHANGES("argus.user-changes"),
    /** Each node's announcement of itself (address, capacity, load), every second: the cluster's node list. */
    NODES("argus.nodes"),
    /** A recording chunk closed and indexed: for tiering, analytics and exports. */
    CHUNK_CLOSED("argus.chunk-closed"),
    /** Detections, alerts and other events for rules, notifications and the UI. */
    EVENTS("argus.events"),
    /** Background work (exports, transcodes, integrity checks): one node of a group does each. */
    JOBS("argus.jobs"),
    /**
     * Messages whose handler failed {@link EventBus#maxAttempts()} times, with the headers of {@link DeadLetter}
     * saying where they came from and why they failed.
     */
    DEAD_LETTER("argus.dead-letter");

    private final String kafkaName;

    Topic(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    public String kafkaName() {
        return kafkaName;
    }
}
