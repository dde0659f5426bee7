/**
 * Machinery the RTP payload formats share and that is not API: the NAL unit depacketizer and packetizer bases
 * (access unit assembly, fragment reassembly, release on drop) used by the H.264 and H.265 formats.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * {@code io.argus.media.codec} and {@code io.argus.media.codec.rtp}. Only {@code io.argus.media.codec.rtp.*}
 * packages may import it.
 */
package io.argus.media.codec.rtp.internal;
