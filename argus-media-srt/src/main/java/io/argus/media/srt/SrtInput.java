package io.argus.media.srt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.argus.media.codec.format.ts.TsDemuxer;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.srt.internal.LibSrt;
import io.argus.media.srt.internal.SrtPoller;
import io.argus.media.srt.internal.SrtSockets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/**
 * One connected SRT socket carrying MPEG-TS into a path: libsrt writes each message straight into a pooled direct
 * buffer, the {@link TsDemuxer} cuts access units out of it as retained slices (no copy), and {@link SrtToStream}
 * publishes them. Bad input is counted, never fatal ({@code packetsInvalid}). Runs on its poller's thread.
 */
final class SrtInput implements SrtPoller.Handler {

    /**
     * Buffer for a run of messages: 16 KiB holds a dozen 1316-byte messages (7 TS packets each); access units keep
     * slices of it alive, so a smaller one wastes less while a GOP is cached, a larger one allocates less often.
     */
    static final int BATCH = 16 * 1024;

    /** The largest SRT payload (SRTO_PAYLOADSIZE may be up to 1456): room that must be left to read a message. */
    static final int MAX_MESSAGE = 1456;

    /**
     * TS packets after which a program whose PMT lists no stream we carry ends the publish: a few PMT repetitions'
     * worth, so that a first PMT sent before the encoder had its streams is not final.
     */
    static final long UNSUPPORTED_AFTER = 256;

    private final SrtSockets srt;
    private final SrtPoller poller;
    private final int socket;
    private final SourceCounters counters;
    private final SourceListener publisher;
    private final SrtToStream toStream;
    private final TsDemuxer demuxer;
    private final Consumer<String> ended;
    /**
     * The buffer being filled: messages of later events go after those of earlier ones (the demuxer has read up to
     * its writer index), so a buffer is shared by a dozen messages rather than one each.
     */
    private ByteBuf batch;
    private long invalidSeen;
    private long lostSeen;
    private boolean closed;

    /** @param ended told once, on the poller, when the connection is over (with the reason), after it is closed */
    SrtInput(SrtSockets srt, SrtPoller poller, int socket, String name, SourceCounters counters,
             SourceListener publisher, Consumer<String> ended) {
        this.srt = srt;
        this.poller = poller;
        this.socket = socket;
        this.counters = counters;
        this.publisher = publisher;
        this.ended = ended;
        this.toStream = new SrtToStream(name, counters, publisher, poller, this::close);
        this.demuxer = new TsDemuxer(toStream);
    }

    int socket() {
        return socket;
    }

    @Override
    public void ready(int events) {
        LibSrt lib = srt.lib();
        long now = System.nanoTime();
        while (!closed) {
            if (batch == null || batch.writableBytes() < MAX_MESSAGE) {
                if (batch != null) {
                    batch.release();
                }
                batch = ByteBufAllocator.DEFAULT.directBuffer(BATCH, BATCH);
            }
            int read;
            while ((read = lib.srt_recvmsg(socket, at(batch), batch.writableBytes())) > 0) {
                counters.packet(read);
                batch.writerIndex(batch.writerIndex() + read);
                if (batch.writableBytes() < MAX_MESSAGE) {
                    break;
                }
            }
            if (batch.isReadable()) {
                demuxer.accept(batch, now);
            }
            account();
            if (read < 0) {
                if (srt.lastError() != LibSrt.SRT_EASYNCRCV) {
                    close("SRT connection closed by the peer or lost");
                }
                return;
            }
            if (read == 0) {
                close("SRT connection closed by the peer");
                return;
            }
        }
    }

    /** Where libsrt writes the next message: the buffer's writable bytes, without a copy. */
    private static Pointer at(ByteBuf batch) {
        return batch.hasMemoryAddress() ? new Pointer(batch.memoryAddress() + batch.writerIndex())
                : Native.getDirectBufferPointer(batch.nioBuffer(batch.writerIndex(), batch.writableBytes()));
    }

    /** The demuxer's malformed input and continuity gaps into the camera's counters; a program with nothing we carry ends it. */
    private void account() {
        long invalid = demuxer.corrupt() + demuxer.syncLosses();
        counters.invalid(invalid - invalidSeen);
        invalidSeen = invalid;
        long lost = demuxer.continuityErrors();
        counters.lost(lost - lostSeen);
        lostSeen = lost;
        if (!toStream.hasTracks() && demuxer.unsupported() != null && demuxer.packets() > UNSUPPORTED_AFTER) {
            close("unsupported codec: the stream carries only " + demuxer.unsupported());
        }
    }

    /** The connection's SRT counters, or null once closed. On the poller. */
    SrtStats stats() {
        return closed ? null : srt.stats(socket);
    }

    /** Ends the connection: stops reading, closes the socket, releases what waits, tells the path and the owner. */
    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        poller.unregister(socket);
        srt.lib().srt_close(socket);
        toStream.close();
        demuxer.close();
        if (batch != null) {
            batch.release();
            batch = null;
        }
        publisher.onEnded(reason);
        ended.accept(reason);
    }
}
