/**
 * Prometheus metrics through Micrometer: per-camera series (labelled by camera id and name) that follow cameras
 * as they come, change name and go; node totals; JVM heap and Netty direct memory.
 *
 * <p>Layer: argus-server. May import {@code io.argus.media.path}, {@code io.argus.media.stream},
 * {@code io.argus.storage.record} (recording status), {@code io.argus.webrtc} (viewers' counters), Micrometer and
 * Netty's {@code PlatformDependent} (the only count of the direct memory Netty allocates without a cleaner).
 */
package io.argus.server.metrics;
