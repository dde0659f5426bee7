package io.argus.media.srt;

import io.argus.media.srt.internal.LibSrt;
import io.argus.media.srt.internal.SrtSockets;
import java.util.Arrays;
import java.util.List;

/**
 * libsrt, loaded: what {@link SrtServer} (listener) and {@link SrtClient} (caller) are made from, and the open
 * connections of both. libsrt is Debian's {@code libsrt1.5-openssl}, bound with JNA; without it {@link #load()}
 * says why and the node runs without SRT.
 */
public final class Srt {
    /**
     * System property naming the libraries to try instead of libsrt's usual names (comma-separated): tests use a
     * name that does not exist to see a node start without SRT.
     */
    public static final String LIBRARY_PROPERTY = "argus.srt.library";

    private final SrtSockets sockets;
    private final SrtConnections connections = new SrtConnections();

    private Srt(LibSrt lib) {
        this.sockets = new SrtSockets(lib);
    }

    /** Loads and starts libsrt (once per process; later calls share it). */
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
}
