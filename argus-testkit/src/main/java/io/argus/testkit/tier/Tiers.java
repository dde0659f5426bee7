package io.argus.testkit.tier;

/** The tag names of the slow tiers, for {@code @Tag} meta-annotations and surefire's {@code excludedGroups}. */
public final class Tiers {
    public static final String E2E = "e2e";
    public static final String INTEROP = "interop";
    public static final String BROWSER = "browser";
    public static final String KILL = "kill";

    private Tiers() {
    }
}
