package io.argus.storage.tier;

/** Where a chunk in an archive class stands with its restore. */
public enum RestoreState {
    /** Not asked for (or expired): reading it needs a restore. */
    NONE,
    /** RestoreObject accepted; the service is bringing it back. */
    REQUESTED,
    /** Readable until the chunk's {@code restoreUntil}. */
    RESTORED
}
