package io.argus.testkit.tier;

import java.util.Set;

/**
 * The test tiers. A test class without a tier tag is a fast unit test: no child process, no network peer beyond
 * loopback in its own JVM, seconds at most. {@code ./test.sh --fast} runs only those; {@code ./test.sh} runs every
 * tier and prints the time each took. Tag a class with one of the annotations in this package, never with a bare
 * {@code @Tag} string, so a typo cannot move a test out of every tier.
 */
public enum Tier {
    /** Untagged: fast unit tests. */
    UNIT("unit"),
    /** A whole node (HTTP, RTSP, recorder, database), or a protocol stack over sockets with real-time intervals. */
    E2E(Tiers.E2E),
    /** A third-party peer (ffmpeg, ffprobe, GStreamer) as a child process. */
    INTEROP(Tiers.INTEROP),
    /** Headless Chromium driving the web UI or a player. */
    BROWSER(Tiers.BROWSER),
    /** A child JVM killed (kill -9, SIGTERM) and its data checked after a restart. */
    KILL(Tiers.KILL);

    private final String tag;

    Tier(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /**
     * The tier of a class carrying {@code tags}; when several apply, the slowest kind wins (kill, browser,
     * interop, e2e), so each class is counted once.
     */
    public static Tier of(Set<String> tags) {
        for (Tier t : new Tier[] {KILL, BROWSER, INTEROP, E2E}) {
            if (tags.contains(t.tag)) {
                return t;
            }
        }
        return UNIT;
    }
}
