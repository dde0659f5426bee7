package io.argus.media.path;

/**
 * What let a reader or publisher in, as its authenticator decided, which the authenticator may take back while the
 * session runs (a revoked credential, a right removed). A protocol server watches the grant for as long as the
 * session is open and ends the session when told. Whether to take it back is decided in the layer that knows
 * users, on a thread of its own: nothing here runs per packet.
 */
@FunctionalInterface
public interface AccessGrant {
    /** Never taken back: the grant of authenticators that do not revoke, and of anonymous readers. */
    AccessGrant PERMANENT = revoke -> () -> { };

    /**
     * Starts watching; called once, when the session opens.
     *
     * @param revoke ends the session; may be called on any thread
     * @return closed when the session ends, for whatever reason, to stop watching
     */
    Watch watch(Runnable revoke);

    /** A session being watched; closing it twice is harmless. */
    @FunctionalInterface
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
