package io.argus.media.codec.rtcp;

import java.util.List;

/**
 * The golden table of RTCP compounds: bytes laid out by hand from RFC 3550 §6.4–§6.6, with the packets they
 * hold. Cases marked writable are also produced byte-exact by {@link RtcpWriter}.
 */
final class RtcpGolden {

    record Case(String name, String hex, List<RtcpPacket> packets, boolean writable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final long CAMERA = 0x12345678L;
    static final long READER = 0x0badcafeL;
    /** 2023-11-14 22:13:39.25 UTC: seconds 0xe8f1a2b3 since 1900, a quarter second. */
    static final long NTP = 0xe8f1a2b3_40000000L;

    static final List<Case> CASES = List.of(
            new Case("SR without blocks, SDES CNAME (what our server sends)",
                    "80c80006 12345678 e8f1a2b3 40000000 00015f90 0000000a 00002710"
                            + "81ca0003 12345678 0105617267757300",
                    List.of(new RtcpSenderReport(CAMERA, NTP, 90_000, 10, 10_000, List.of()),
                            sdes(CAMERA, "argus")), true),
            new Case("RR with one block, SDES CNAME (what our client sends)",
                    "81c90007 0badcafe 12345678 19000003 00010203 00000011 a2b34000 00018000"
                            + "81ca0003 0badcafe 01027278 00000000",
                    List.of(new RtcpReceiverReport(READER, List.of(new RtcpReportBlock(CAMERA, 0x19, 3, 0x10203, 17,
                            0xa2b34000L, 0x18000))), sdes(READER, "rx")), true),
            new Case("RR with negative cumulative loss (duplicates), BYE with reason",
                    "81c90007 0badcafe 12345678 00fffffe 0000ffff 00000000 00000000 00000000"
                            + "81cb0002 0badcafe 03627965",
                    List.of(new RtcpReceiverReport(READER, List.of(new RtcpReportBlock(CAMERA, 0, -2, 0xffff, 0, 0,
                            0))), new RtcpBye(List.of(READER), "bye")), true),
            new Case("SR with one block (a sender that also receives), SDES chunk without items",
                    "81c8000c 12345678 e8f1a2b3 40000000 ffffffff ffffffff ffffffff"
                            + "0badcafe ff7fffff ffffffff ffffffff ffffffff ffffffff"
                            + "81ca0002 12345678 00000000",
                    List.of(new RtcpSenderReport(CAMERA, NTP, 0xffffffffL, 0xffffffffL, 0xffffffffL,
                                    List.of(new RtcpReportBlock(READER, 255, 0x7fffff, 0xffffffffL, 0xffffffffL,
                                            0xffffffffL, 0xffffffffL))),
                            new RtcpSourceDescription(List.of(new RtcpSourceDescription.Chunk(CAMERA, null)))), true),
            new Case("empty RR, APP and a NACK (RFC 4585) skipped as unknown",
                    "80c90001 0badcafe 80cc0002 0badcafe 41424344 81cd0003 0badcafe 12345678 00050000",
                    List.of(new RtcpReceiverReport(READER, List.of()), new RtcpUnknownPacket(204, 0, 12),
                            new RtcpUnknownPacket(205, 1, 16)), false),
            new Case("padded RR (P bit, 4 padding octets)",
                    "a0c90002 0badcafe 00000004",
                    List.of(new RtcpReceiverReport(READER, List.of())), false),
            new Case("SDES with NAME and TOOL before CNAME, two chunks",
                    "82ca0007 12345678 02034e414d 060154 0102636d 00000000 0badcafe 01017800",
                    List.of(new RtcpSourceDescription(List.of(new RtcpSourceDescription.Chunk(CAMERA, "cm"),
                            new RtcpSourceDescription.Chunk(READER, "x")))), false));

    private static RtcpSourceDescription sdes(long ssrc, String cname) {
        return new RtcpSourceDescription(List.of(new RtcpSourceDescription.Chunk(ssrc, cname)));
    }

    private RtcpGolden() {
    }
}
