package io.argus.storage.chunk;

/** Where a chunk's bytes are kept (ARCHITECTURE.md §3). */
public enum Tier {
    /** Local disk, full quality, days. */
    HOT,
    /** Object storage, optionally re-encoded smaller. */
    WARM,
    /** Object storage with an archive storage class. */
    COLD
}
