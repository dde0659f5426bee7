/**
 * Argus' capture-time SEI: a user_data_unregistered message (H.264 §D.1.7, H.265 §D.2.7) carrying the
 * wall-clock time a picture was captured, for exact glass-to-glass latency. Written by the camera simulator,
 * read by every latency probe.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util} and
 * {@code io.argus.media.codec}.
 */
package io.argus.media.codec.sei;
