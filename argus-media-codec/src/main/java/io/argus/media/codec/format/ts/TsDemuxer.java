package io.argus.media.codec.format.ts;

import io.argus.media.codec.Codec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Demultiplexes one MPEG-2 transport stream (ISO/IEC 13818-1 §2.4.3) into access units of its first program's
 * H.264, H.265 and AAC (ADTS) streams. Input comes in chunks of any size (SRT delivers 7 packets per message);
 * packets are 188 bytes behind a 0x47 sync byte. Lost sync is found again at a 0x47 that a second one follows a
 * packet later. The PAT and PMT are read when their CRC-32 checks, from one packet each (their sections are a few
 * dozen bytes). Adaptation fields (PCR, stuffing) are skipped; a continuity-counter gap drops the PES it broke.
 *
 * <p>Bad input never throws: it is counted ({@link #syncLosses()}, {@link #continuityErrors()},
 * {@link #corrupt()}, {@link #dropped()}, {@link #needConfig()}) and demuxing goes on. Payload is not copied: access
 * units hold retained slices of the input chunks, except for a packet split across two chunks, whose 188 bytes are
 * copied once. Single-threaded.
 */
public final class TsDemuxer implements AutoCloseable {
    static final int PACKET = 188;
    private static final int SYNC = 0x47;
    private static final int PAT_PID = 0;
    private static final int NULL_PID = 0x1fff;
    private static final int PAT_TABLE = 0;
    private static final int PMT_TABLE = 2;

    final TsListener listener;
    final TsTimeline timeline = new TsTimeline();
    private final Map<Integer, TsElementaryStream> streams = new HashMap<>();
    private final ByteBuf partial = Unpooled.buffer(PACKET, PACKET);
    private int pmtPid = -1;
    private boolean inSync = true;
    private boolean closed;
    private String unsupported;
    long packets;
    long syncLosses;
    long continuityErrors;
    long corrupt;
    long dropped;
    long needConfig;

    public TsDemuxer(TsListener listener) {
        this.listener = listener;
    }

    /**
     * The next bytes of the stream. <b>Borrows</b> {@code chunk}: access units retain slices of it; its reader
     * index moves to its end.
     */
    public void accept(ByteBuf chunk, long receivedNanos) {
        if (closed) {
            chunk.skipBytes(chunk.readableBytes());
            return;
        }
        if (partial.isReadable()) {
            int take = Math.min(PACKET - partial.readableBytes(), chunk.readableBytes());
            partial.writeBytes(chunk, take);
            if (partial.readableBytes() < PACKET) {
                return;
            }
            ByteBuf copy = Unpooled.copiedBuffer(partial);
            partial.clear();
            try {
                packet(copy, 0, receivedNanos);
            } finally {
                copy.release();
            }
        }
        while (chunk.isReadable()) {
            int at = chunk.readerIndex();
            if (chunk.getUnsignedByte(at) != SYNC) {
                resync(chunk);
                continue;
            }
            if (chunk.readableBytes() < PACKET) {
                partial.writeBytes(chunk);
                return;
            }
            inSync = true;
            packet(chunk, at, receivedNanos);
            chunk.skipBytes(PACKET);
        }
    }

    /** Skips to the next 0x47 that another one follows a packet later (or that the chunk ends too soon to check). */
    private void resync(ByteBuf chunk) {
        if (inSync) {
            inSync = false;
            syncLosses++;
        }
        int end = chunk.writerIndex();
        for (int i = chunk.readerIndex() + 1; i < end; i++) {
            if (chunk.getUnsignedByte(i) == SYNC && (i + PACKET >= end || chunk.getUnsignedByte(i + PACKET) == SYNC)) {
                chunk.readerIndex(i);
                return;
            }
        }
        chunk.readerIndex(end);
    }

    /** One 188-byte packet at {@code at} (§2.4.3.2). <b>Borrows</b> {@code buf}. */
    private void packet(ByteBuf buf, int at, long receivedNanos) {
        packets++;
        int header = buf.getInt(at);
        boolean error = (header & 0x0080_0000) != 0;
        boolean unitStart = (header & 0x0040_0000) != 0;
        int pid = (header >> 8) & 0x1fff;
        int control = (header >> 4) & 3;
        int counter = header & 0xf;
        if (error || pid == NULL_PID) {
            corrupt += error ? 1 : 0;
            return;
        }
        int payload = at + 4;
        boolean discontinuity = false;
        if ((control & 2) != 0) {
            int length = buf.getUnsignedByte(payload);
            if (length > PACKET - 5) {
                corrupt++;
                return;
            }
            discontinuity = length > 0 && (buf.getUnsignedByte(payload + 1) & 0x80) != 0;
            payload += 1 + length;
        }
        if ((control & 1) == 0 || payload >= at + PACKET) {
            return;
        }
        ByteBuf data = buf.slice(payload, at + PACKET - payload);
        if (pid == PAT_PID) {
            section(data, unitStart, PAT_TABLE);
        } else if (pid == pmtPid) {
            section(data, unitStart, PMT_TABLE);
        } else {
            TsElementaryStream es = streams.get(pid);
            if (es != null) {
                int order = es.continuity(counter, discontinuity);
                if (order == 0) {
                    return;
                }
                if (order < 0) {
                    continuityErrors++;
                    es.lost();
                }
                es.payload(data, unitStart, receivedNanos);
            }
        }
    }

    /** A PSI section that starts in this packet (§2.4.4): pointer field, then the table. */
    private void section(ByteBuf data, boolean unitStart, int tableId) {
        if (!unitStart) {
            return;
        }
        int at = data.readerIndex() + 1 + data.getUnsignedByte(data.readerIndex());
        int end = data.writerIndex();
        if (at + 3 > end || data.getUnsignedByte(at) != tableId) {
            corrupt += at + 3 > end ? 1 : 0;
            return;
        }
        int length = data.getUnsignedShort(at + 1) & 0x0fff;
        if (length < 9 || at + 3 + length > end || TsCrc32.of(data, at, 3 + length) != 0) {
            corrupt++;
            return;
        }
        int tableEnd = at + 3 + length - 4;
        if (tableId == PAT_TABLE) {
            pat(data, at + 8, tableEnd);
        } else if (streams.isEmpty()) {
            pmt(data, at + 8, tableEnd);
        }
    }

    /** PAT (§2.4.4.3): the first program's PMT PID. */
    private void pat(ByteBuf data, int at, int end) {
        for (int i = at; i + 4 <= end; i += 4) {
            if (data.getUnsignedShort(i) != 0) {
                pmtPid = data.getUnsignedShort(i + 2) & 0x1fff;
                return;
            }
        }
    }

    /** PMT (§2.4.4.8): the carried streams, video first, fix the tracks. */
    private void pmt(ByteBuf data, int at, int end) {
        int info = data.getUnsignedShort(at + 2) & 0x0fff;
        List<int[]> found = new ArrayList<>();
        for (int i = at + 4 + info; i + 5 <= end; ) {
            int type = data.getUnsignedByte(i);
            int pid = data.getUnsignedShort(i + 1) & 0x1fff;
            Codec codec = TsStreamType.codec(type);
            if (codec == null) {
                unsupported = "stream type 0x" + Integer.toHexString(type) + " (H.264, H.265 and AAC are carried)";
            } else {
                found.add(new int[] {codec.isVideo() ? 0 : 1, pid, type});
            }
            i += 5 + (data.getUnsignedShort(i + 3) & 0x0fff);
        }
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<Codec> codecs = new ArrayList<>();
        for (int[] s : found) {
            Codec codec = TsStreamType.codec(s[2]);
            streams.put(s[1], new TsElementaryStream(this, codecs.size(), codec));
            codecs.add(codec);
        }
        if (!codecs.isEmpty()) {
            listener.tracks(List.copyOf(codecs));
        }
    }

    /** The input ended: the last PES of each stream is complete by definition and emitted. */
    public void end(long receivedNanos) {
        streams.values().forEach(es -> es.flush(receivedNanos));
    }

    /** Releases what is held; later input is ignored. */
    @Override
    public void close() {
        closed = true;
        streams.values().forEach(TsElementaryStream::discard);
        partial.clear();
    }

    /** Why the latest PMT left a stream out, in words; null if it left none out. */
    public String unsupported() {
        return unsupported;
    }

    public long packets() {
        return packets;
    }

    public long syncLosses() {
        return syncLosses;
    }

    public long continuityErrors() {
        return continuityErrors;
    }

    /** Packets, sections or PES packets that were malformed (bad CRC, bad PES header, oversized, bad ADTS). */
    public long corrupt() {
        return corrupt;
    }

    /** PES packets dropped because a continuity gap broke them. */
    public long dropped() {
        return dropped;
    }

    /** Video access units dropped because no parameter sets had come yet. */
    public long needConfig() {
        return needConfig;
    }
}
