package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.AudioSpecificConfig;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tracks' formats back from the sample entries {@link Fmp4InitSegment} writes: the parameter sets of an
 * {@code avcC} (ISO/IEC 14496-15 §5.3.3.1) or {@code hvcC} (§8.3.3.1), the AudioSpecificConfig in an {@code esds}
 * (ISO/IEC 14496-1 §7.2.6). What re-muxes a recorded chunk (a tier's re-encode) starts from this.
 */
public final class Fmp4InitReader {
    private static final int HVCC_FIXED = 22;
    private static final int HEVC_VPS = 32;
    private static final int HEVC_SPS = 33;
    private static final int HEVC_PPS = 34;
    private static final int ES_DESCRIPTOR = 0x03;
    private static final int DECODER_CONFIG = 0x04;
    private static final int DECODER_SPECIFIC_INFO = 0x05;
    /** DecoderConfigDescriptor fields before its sub-descriptors: objectType … avgBitrate. */
    private static final int DECODER_CONFIG_FIELDS = 13;

    private Fmp4InitReader() {
    }

    /**
     * The formats of the file's tracks, in track order (track_ID 1 first). <b>Borrows</b> {@code file}.
     *
     * @throws Mp4FormatException if a track's sample entry is not one Argus writes or its configuration is cut
     */
    public static List<MediaFormat> formats(ByteBuf file) {
        List<Mp4Box> boxes = Mp4BoxReader.read(file);
        if (boxes.size() < 2 || boxes.get(1).type() != BoxType.MOOV) {
            throw new Mp4FormatException(0, "no moov after the ftyp");
        }
        List<MediaFormat> out = new ArrayList<>();
        for (Mp4Box trak : boxes.get(1).children(BoxType.TRAK)) {
            Mp4Box stsd = trak.find("mdia/minf/stbl/stsd");
            if (stsd == null || stsd.children().isEmpty()) {
                throw new Mp4FormatException(trak.offset(), "track without a sample entry");
            }
            out.add(format(new Reader(file, stsd.children().get(0))));
        }
        return out;
    }

    private static MediaFormat format(Reader r) {
        Mp4Box entry = r.entry;
        if (entry.type() == BoxType.AVC1) {
            r.at(entry.require(BoxType.AVCC), 5);
            List<byte[]> sps = r.sets(r.u8() & 0x1f);
            List<byte[]> pps = r.sets(r.u8());
            return new MediaFormat.H264(first(sps, r), first(pps, r));
        }
        if (entry.type() == BoxType.HVC1) {
            r.at(entry.require(BoxType.HVCC), HVCC_FIXED);
            byte[][] sets = new byte[3][];
            for (int arrays = r.u8(), i = 0; i < arrays; i++) {
                int type = r.u8() & 0x3f;
                List<byte[]> nals = r.sets(r.u16());
                if (type >= HEVC_VPS && type <= HEVC_PPS && !nals.isEmpty()) {
                    sets[type - HEVC_VPS] = nals.get(0);
                }
            }
            return new MediaFormat.H265(sets[0], sets[1], sets[2]);
        }
        if (entry.type() == BoxType.MP4A) {
            Mp4Box esds = entry.require(BoxType.ESDS);
            r.at(esds, 4);
            return AudioSpecificConfig.parse(r.asc(esds.end())).toMediaFormat();
        }
        throw new Mp4FormatException(entry.offset(), "no format for sample entry " + entry.typeName());
    }

    private static byte[] first(List<byte[]> sets, Reader r) {
        if (sets.isEmpty()) {
            throw new Mp4FormatException(r.entry.offset(), "a decoder configuration without parameter sets");
        }
        return sets.get(0);
    }

    /** A cursor over one sample entry's configuration box. */
    private static final class Reader {
        private final ByteBuf file;
        private final Mp4Box entry;
        private long pos;
        private long end;

        Reader(ByteBuf file, Mp4Box entry) {
            this.file = file;
            this.entry = entry;
        }

        void at(Mp4Box box, int skip) {
            pos = box.payloadOffset() + skip;
            end = box.end();
        }

        private void need(long n) {
            if (pos + n > end) {
                throw new Mp4FormatException(pos, entry.typeName() + " configuration is cut");
            }
        }

        int u8() {
            need(1);
            return file.getUnsignedByte(file.readerIndex() + (int) pos++);
        }

        int u16() {
            return u8() << 8 | u8();
        }

        byte[] bytes(int n) {
            need(n);
            byte[] b = new byte[n];
            file.getBytes(file.readerIndex() + (int) pos, b);
            pos += n;
            return b;
        }

        List<byte[]> sets(int count) {
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(bytes(u16()));
            }
            return out;
        }

        /** The DecoderSpecificInfo's bytes, walking the ES_Descriptor's nested descriptors. */
        byte[] asc(long limit) {
            while (pos < limit) {
                int tag = u8();
                int len = 0;
                for (int i = 0; i < 4; i++) {
                    int b = u8();
                    len = len << 7 | (b & 0x7f);
                    if ((b & 0x80) == 0) {
                        break;
                    }
                }
                if (tag == ES_DESCRIPTOR) {
                    int flags = bytes(3)[2] & 0xff;
                    pos += (flags & 0x80) != 0 ? 2 : 0;
                    if ((flags & 0x40) != 0) {
                        pos += u8();
                    }
                    pos += (flags & 0x20) != 0 ? 2 : 0;
                } else if (tag == DECODER_CONFIG) {
                    pos += DECODER_CONFIG_FIELDS;
                } else if (tag == DECODER_SPECIFIC_INFO) {
                    return bytes(len);
                } else {
                    pos += len;
                }
            }
            throw new Mp4FormatException(entry.offset(), "esds without a DecoderSpecificInfo");
        }
    }
}
