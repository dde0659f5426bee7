package io.argus.media.srt;

import io.argus.media.srt.internal.LibSrt;
import io.argus.media.srt.internal.SrtSockets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * libsrt, loaded: what {@link SrtServer} (listener) and {@link SrtClient} (caller) are made from, and the open
 * connections of both. libsrt is Debian's {@code libsrt1.5-openssl}, bound with JNA; without it {@link #load()}
 * says why and the node runs without SRT.
 */
public final class Srt implements AutoCloseable {
    /**
     * System property naming the libraries to try instead of libsrt's usual names (comma-separated): tests use a
     * name that does not exist to see a node start without SRT.
     */
    public static final String LIBRARY_PROPERTY = "argus.srt.library";

    private final SrtSockets sockets;
    private final SrtConnections connections = new SrtConnections();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Srt(LibSrt lib) {
        this.sockets = new SrtSockets(lib);
    }

    /**
     * Loads and starts libsrt. libsrt counts its starts: each {@code Srt} holds one until {@link #close}, and the
     * last close stops libsrt's threads.
     */
    public static Srt load() throws SrtUnavailableException {
        String names = System.getProperty(LIBRARY_PROPERTY);
        List<String> tried = names == null ? LibSrt.NAMES : Arrays.asList(names.split(","));
        String[] why = new String[1];
        LibSrt lib = LibSrt.load(tried, why);
        if (lib == null) {
            throw new SrtUnavailableException("libsrt not found (tried " + String.join(", ", tried) + ": " + why[0]
                    + "); install Debian's libsrt1.5-openssl");
        }
        if (lib.srt_startup() < 0) {
            throw new SrtUnavailableException("libsrt did not start: " + lib.srt_getlasterror_str());
        }
        lib.srt_setloglevel(LibSrt.LOG_ERR);
        return new Srt(lib);
    }

    SrtSockets sockets() {
        return sockets;
    }

    /** The open connections, listener and caller alike. */
    public SrtConnections connections() {
        return connections;
    }

    /**
     * Gives back this start of libsrt; call it after the servers and clients made from it are closed. Without it,
     * libsrt's threads run until the process exits and its static destructor stops them then, which races the
     * other native libraries' exit and can abort the JVM ("double free or corruption", seen at the end of a test
     * JVM that had run many nodes).
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sockets.lib().srt_cleanup();
        }
    }
}
