package io.argus.media.srt;

import java.net.InetSocketAddress;

/**
 * One open SRT connection feeding a camera, as metrics see it: its counters are refreshed from libsrt once a
 * second by the thread that reads it (reading them is then free for a scrape).
 *
 * @param camera the camera's name
 * @param peer   the other end
 * @param caller whether Argus called out (a camera's {@code srt://} source) rather than accepted a publisher
 */
public final class SrtConnection {
    private final String camera;
    private final InetSocketAddress peer;
    private final boolean caller;
    private volatile SrtStats stats = new SrtStats(0, 0, 0, 0, 0, 0, 0, 0);

    SrtConnection(String camera, InetSocketAddress peer, boolean caller) {
        this.camera = camera;
        this.peer = peer;
        this.caller = caller;
    }

    public String camera() {
        return camera;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public boolean caller() {
        return caller;
    }

    /** The counters as of the last refresh (at most a second old). */
    public SrtStats stats() {
        return stats;
    }

    void stats(SrtStats latest) {
        if (latest != null) {
            stats = latest;
        }
    }
}
