package io.argus.media.path;

/**
 * A {@link Path#demand} that cannot be met now: in a cluster, no node is known to own the camera (its node just
 * stopped and the group has not moved it yet), so there is nothing to relay from. A retry a moment later may work.
 */
public final class DemandRefusedException extends RuntimeException {
    public DemandRefusedException(String message) {
        super(message);
    }
}
