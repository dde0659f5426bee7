package io.argus.media.path;

/**
 * A point-in-time view of a path for the API and metrics.
 *
 * @param codec      e.g. {@code H264}, or null before the first session
 * @param profile    e.g. {@code High}, or null if unknown
 * @param fps        measured frames per second over the last seconds
 * @param bitrateBps measured bits per second over the last seconds
 * @param uptimeSeconds seconds since the current session went live, 0 when not live
 * @param timestampFault why the current session runs on arrival times instead of the camera's timestamps, or null
 *                       while the camera's own are used (see {@link SourceCounters#timestampFault()})
 * @param framesRetimed access units given arrival times, over every session
 */
public record PathStatus(
        PathState state,
        String lastError,
        String codec,
        String profile,
        int width,
        int height,
        double fps,
        long bitrateBps,
        long frames,
        long bytes,
        long packetsLost,
        long packetsInvalid,
        long framesDropped,
        long reconnects,
        long uptimeSeconds,
        int readers,
        String timestampFault,
        long framesRetimed) {
}
