package io.argus.media.codec.rtp.aac;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.AccessUnitSink;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.AudioSpecificConfig;
import io.argus.media.codec.rtp.RtpDepacketizer;
import io.argus.media.codec.rtp.RtpPacket;
import io.argus.media.codec.rtp.internal.FragmentBuffer;
import io.netty.buffer.ByteBuf;

/**
 * RFC 3640 depacketizer for AAC (§3.2, §3.3.6 AAC-hbr: sizeLength 13, indexLength 3, indexDeltaLength 3 by
 * default). Each AAC frame becomes one access unit, a retained slice of the packet, stamped
 * {@code timestamp + i * frameLength}; a frame fragmented over packets (§3.2.3) is a composite of their slices.
 * Interleaving is not supported: AU-Index values are ignored, as cameras send frames in order.
 */
public final class AacDepacketizer implements RtpDepacketizer {

    private final MediaFormat.Aac format;
    private final int track;
    private final int frameLength;
    private final AuHeaders headers;
    private final FragmentBuffer fragment = new FragmentBuffer();
    private int fragmentSize;
    private long fragmentTimestamp;
    private boolean discarding;
    private long discardTimestamp;
    private long corruptPackets;
    private long droppedUnits;

    /** AAC-hbr. */
    public AacDepacketizer(MediaFormat.Aac format, int track) {
        this(format, track, 13, 3, 3);
    }

    /** With the AU header layout of the SDP {@code fmtp} (sizeLength, indexLength, indexDeltaLength). */
    public AacDepacketizer(MediaFormat.Aac format, int track, int sizeLength, int indexLength, int indexDeltaLength) {
        this.format = format;
        this.track = track;
        this.frameLength = frameLength(format);
        this.headers = new AuHeaders(sizeLength, indexLength, indexDeltaLength);
    }

    private static int frameLength(MediaFormat.Aac format) {
        try {
            return AudioSpecificConfig.parse(format.audioSpecificConfig()).frameLength();
        } catch (IllegalArgumentException e) {
            return 1024;
        }
    }

    @Override
    public void receive(RtpPacket packet, long timestamp, boolean lossBefore, long receivedNanos,
                        AccessUnitSink sink) {
        if (fragment.inProgress() && (lossBefore || timestamp != fragmentTimestamp)) {
            fragment.reset();
            droppedUnits++;
        }
        if (discarding && timestamp != discardTimestamp) {
            discarding = false;
        }
        if (discarding) {
            discarding = !packet.marker();
            return;
        }
        ByteBuf payload = packet.payload();
        if (!headers.parse(payload)) {
            corruptPackets++;
            return;
        }
        int data = payload.readerIndex() + headers.dataOffset();
        int available = payload.writerIndex() - data;
        if (fragment.inProgress()) {
            continueFragment(payload, data, available, timestamp, receivedNanos, sink);
        } else if (headers.count() == 1 && headers.size(0) > available) {
            if (lossBefore) {
                droppedUnits++;
                discarding = !packet.marker();
                discardTimestamp = timestamp;
            } else if (available == 0) {
                corruptPackets++;
            } else {
                fragment.start(payload.alloc(), null, payload.retainedSlice(data, available));
                fragmentSize = headers.size(0);
                fragmentTimestamp = timestamp;
            }
        } else {
            emitFrames(payload, data, available, timestamp, receivedNanos, sink);
        }
    }

    private void continueFragment(ByteBuf payload, int data, int available, long timestamp, long receivedNanos,
                                  AccessUnitSink sink) {
        if (headers.count() != 1 || headers.size(0) != fragmentSize
                || fragment.size() + (long) available > fragmentSize) {
            corruptPackets++;
            droppedUnits++;
            fragment.reset();
            return;
        }
        if (available > 0 && !fragment.append(payload.retainedSlice(data, available))) {
            droppedUnits++;
            return;
        }
        if (fragment.size() == fragmentSize) {
            sink.accept(AccessUnit.of(track, Codec.AAC, timestamp, true, fragment.finish(), receivedNanos));
        }
    }

    private void emitFrames(ByteBuf payload, int data, int available, long timestamp, long receivedNanos,
                            AccessUnitSink sink) {
        long total = 0;
        for (int i = 0; i < headers.count(); i++) {
            total += headers.size(i);
        }
        if (total > available) {
            corruptPackets++;
            return;
        }
        int pos = data;
        for (int i = 0; i < headers.count(); i++) {
            int size = headers.size(i);
            if (size > 0) {
                sink.accept(AccessUnit.of(track, Codec.AAC, timestamp + (long) i * frameLength, true,
                        payload.retainedSlice(pos, size), receivedNanos));
            }
            pos += size;
        }
    }

    @Override
    public MediaFormat.Aac format() {
        return format;
    }

    @Override
    public long corruptPackets() {
        return corruptPackets;
    }

    @Override
    public long droppedUnits() {
        return droppedUnits;
    }

    @Override
    public void reset() {
        if (fragment.inProgress()) {
            fragment.reset();
            droppedUnits++;
        }
        discarding = false;
    }

    @Override
    public void close() {
        fragment.reset();
    }
}
