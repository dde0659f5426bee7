package io.argus.storage.tier;

/** The steps of a move, as {@link TierMover.Hook} sees them finish. */
public enum MoveStep {
    COPY, VERIFY, SWITCH, DELETE
}
