package io.argus.media.path;

/**
 * Counters a source updates as media arrives. Single writer (the source's event loop); read from any thread.
 * Totals survive reconnects: they are the camera's, not one attempt's.
 */
public final class SourceCounters {
    private volatile long packets;
    private volatile long bytes;
    private volatile long packetsLost;
    private volatile long packetsInvalid;
    private volatile long framesDropped;
    private volatile long frames;

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
}
