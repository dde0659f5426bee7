package io.argus.media.path;

/**
 * Counters a source updates as media arrives. Single writer (the source's event loop); read from any thread.
 * Totals survive reconnects: they are the camera's, not one attempt's. The timestamp fault is the current
 * session's.
 */
public final class SourceCounters {
    private volatile long packets;
    private volatile long bytes;
    private volatile long packetsLost;
    private volatile long packetsInvalid;
    private volatile long framesDropped;
    private volatile long frames;
    private volatile long framesRetimed;
    private volatile String timestampFault;

    /** One RTP (or other) packet of {@code size} bytes arrived. */
    public void packet(int size) {
        packets++;
        bytes += size;
    }

    public void lost(long n) {
        packetsLost += n;
    }

    public void invalid(long n) {
        packetsInvalid += n;
    }

    public void framesDropped(long n) {
        framesDropped += n;
    }

    public void frame() {
        frames++;
    }

    /** {@code n} access units were given arrival times because the source's own could not be trusted. */
    public void retimed(long n) {
        framesRetimed += n;
    }

    /**
     * Why the current session's access units get arrival times instead of the source's timestamps (which track,
     * what was wrong), or null while the source's own are used. A new session starts with null.
     */
    public void timestampFault(String reason) {
        timestampFault = reason;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    public long packetsLost() {
        return packetsLost;
    }

    public long packetsInvalid() {
        return packetsInvalid;
    }

    public long framesDropped() {
        return framesDropped;
    }

    public long frames() {
        return frames;
    }

    /** Access units (all tracks) given arrival times, over every session. */
    public long framesRetimed() {
        return framesRetimed;
    }

    /** See {@link #timestampFault(String)}. */
    public String timestampFault() {
        return timestampFault;
    }
}
