/**
 * Pure-bytes media layer: codec identifiers, track formats, access units, and (in sub-packages) codec
 * parsers, RTP (de)packetizers, SDP and container writers.
 *
 * <p>Layer: bottom. May import only the JDK and {@code io.netty.buffer}/{@code io.netty.util}: no channels,
 * threads, clocks or configuration, so analytics, playback, the simulator and benchmarks can use it without
 * the network stack.
 */
package io.argus.media.codec;
