package io.argus.media.codec.format.fmp4;

import java.nio.charset.StandardCharsets;

/** The four-character codes of the boxes this package writes and reads (ISO/IEC 14496-12 unless noted). */
public final class BoxType {
    public static final int FTYP = of("ftyp");
    public static final int MOOV = of("moov");
    public static final int MVHD = of("mvhd");
    public static final int MVEX = of("mvex");
    public static final int MEHD = of("mehd");
    public static final int TREX = of("trex");
    public static final int TRAK = of("trak");
    public static final int TKHD = of("tkhd");
    public static final int MDIA = of("mdia");
    public static final int MDHD = of("mdhd");
    public static final int HDLR = of("hdlr");
    public static final int MINF = of("minf");
    public static final int VMHD = of("vmhd");
    public static final int SMHD = of("smhd");
    public static final int DINF = of("dinf");
    public static final int DREF = of("dref");
    public static final int URL = of("url ");
    public static final int STBL = of("stbl");
    public static final int STSD = of("stsd");
    public static final int STTS = of("stts");
    public static final int STSC = of("stsc");
    public static final int STSZ = of("stsz");
    public static final int STCO = of("stco");
    /** H.264 sample entry and its configuration (ISO/IEC 14496-15 §5.4). */
    public static final int AVC1 = of("avc1");
    public static final int AVCC = of("avcC");
    /** H.265 sample entry, parameter sets in the entry (ISO/IEC 14496-15 §8.4), and its configuration. */
    public static final int HVC1 = of("hvc1");
    public static final int HVCC = of("hvcC");
    /** MPEG-4 audio sample entry and its elementary stream descriptor (ISO/IEC 14496-14 §5.6). */
    public static final int MP4A = of("mp4a");
    public static final int ESDS = of("esds");
    public static final int MOOF = of("moof");
    public static final int MFHD = of("mfhd");
    public static final int TRAF = of("traf");
    public static final int TFHD = of("tfhd");
    public static final int TFDT = of("tfdt");
    public static final int TRUN = of("trun");
    public static final int MDAT = of("mdat");
    public static final int FREE = of("free");

    private BoxType() {
    }

    /** The code of a four-character ASCII type. */
    public static int of(String fourCc) {
        byte[] b = fourCc.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != 4) {
            throw new IllegalArgumentException("not a four-character code: " + fourCc);
        }
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** The four characters of a code, non-printable bytes as {@code ?}. */
    public static String name(int type) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = (type >>> (24 - 8 * i)) & 0xff;
            c[i] = b >= 0x20 && b < 0x7f ? (char) b : '?';
        }
        return new String(c);
    }
}
