package io.argus.server.config;

import java.time.Duration;

/**
 * Live transcodes ({@code ?rendition=} on the live views).
 *
 * @param maxJobs transcodes this node runs at once; one more is refused (503), 0 turns them off
 * @param linger  how long a transcode outlives its last viewer
 */
public record TranscodeConfig(int maxJobs, Duration linger) {
    /**
     * 64: each job is a thread decoding and encoding video; more than that is more than any one node's cores
     * carry, and a typo (20000) should fail at start-up rather than melt the node.
     */
    public static final int MAX_JOBS_LIMIT = 64;

    public TranscodeConfig {
        if (maxJobs < 0 || maxJobs > MAX_JOBS_LIMIT) {
            throw new IllegalArgumentException("transcode.maxJobs must be 0.." + MAX_JOBS_LIMIT + ": " + maxJobs);
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("transcode.linger must not be negative: " + linger);
        }
    }
}
