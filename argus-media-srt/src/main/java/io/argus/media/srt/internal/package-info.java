/**
 * The binding to libsrt (Debian's libsrt1.5-openssl) through JNA, and the thread that waits on libsrt's epoll. Not
 * API: only {@code io.argus.media.srt} uses it.
 *
 * <p>Layer: argus-media (module argus-media-srt). May import JNA ({@code com.sun.jna}), SLF4J, the JDK and
 * {@code io.argus.media.srt}'s value types.
 */
package io.argus.media.srt.internal;
