/**
 * RTCP (RFC 3550 §6): parsing of compound packets (SR, RR, SDES, BYE; other types are kept as unknown),
 * writing of the packets a sender and a receiver send, NTP timestamps, and the reception statistics a receiver
 * reports (RFC 3550 §A.1, §A.3, §A.8).
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer} and {@code io.argus.media.codec}. Time is
 * always an argument (nanoseconds), never read from a clock here.
 */
package io.argus.media.codec.rtcp;
