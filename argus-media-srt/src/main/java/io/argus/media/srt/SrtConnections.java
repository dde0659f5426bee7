package io.argus.media.srt;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The node's open SRT connections (listener and caller), for metrics: who feeds what, and how the link is. */
public final class SrtConnections {

    /** Told of each connection as it opens and closes, on the SRT poller's thread: must be quick. */
    public interface Listener {
        void opened(SrtConnection connection);

        void closed(SrtConnection connection);
    }

    private static final Listener NONE = new Listener() {
        @Override
        public void opened(SrtConnection connection) {
        }

        @Override
        public void closed(SrtConnection connection) {
        }
    };

    private final Set<SrtConnection> open = ConcurrentHashMap.newKeySet();
    private volatile Listener listener = NONE;

    public List<SrtConnection> open() {
        return List.copyOf(open);
    }

    /** Sets the one listener, told at once of the connections already open. */
    public synchronized void listen(Listener l) {
        listener = l;
        open.forEach(l::opened);
    }

    synchronized void opened(SrtConnection c) {
        open.add(c);
        listener.opened(c);
    }

    synchronized void closed(SrtConnection c) {
        if (open.remove(c)) {
            listener.closed(c);
        }
    }
}
