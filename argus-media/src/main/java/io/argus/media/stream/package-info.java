/**
 * The live stream hub: one {@link io.argus.media.stream.Stream} per camera holds the tracks, the latest GOP and
 * the readers, and fans each access unit out to every reader without copying it.
 *
 * <p>Layer: argus-media. May import {@code io.argus.media.codec} and its sub-packages, Netty
 * ({@code io.netty.util}, {@code io.netty.buffer}), slf4j and the JDK; never a protocol package (protocols import the hub, not the reverse).
 *
 * <p>Threading: a stream has one writer thread (its source's event loop). Readers are drained on their own
 * executors. No locks on the packet path: the hand-over is a single-producer single-consumer ring per reader.
 */
package io.argus.media.stream;
