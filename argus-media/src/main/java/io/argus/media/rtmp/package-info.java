/**
 * RTMP (Adobe "Real-Time Messaging Protocol" specification, 2012) on Netty: the simple handshake (§5.2), the chunk
 * stream decoder and writer (§5.3), protocol control and user control messages (§5.4, §6.2), message types and AMF0
 * commands (§7) as the server side of ingest needs them.
 *
 * <p>Layer: argus-media. May import {@code io.argus.media.codec} (and its {@code amf} and {@code flv} packages),
 * Netty, SLF4J and the JDK. The {@code server} sub-package imports this one, never the reverse.
 */
package io.argus.media.rtmp;
