package io.argus.media.codec.rtcp;

/**
 * A well-framed packet of a type Argus does not interpret (APP, RTPFB/PSFB feedback of RFC 4585, XR of RFC 3611,
 * or anything newer): RFC 3550 §6.1 asks receivers to skip what they do not understand.
 *
 * @param type   its packet type
 * @param count  its 5-bit count/subtype field
 * @param length its length in bytes, header included
 */
public record RtcpUnknownPacket(int type, int count, int length) implements RtcpPacket {
}
