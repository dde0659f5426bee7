package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Drives the writers the way a recorder does: access units of all tracks in time order, a fragment cut before
 * every video keyframe (or every {@code audioFragmentFrames} frames when there is no video), each fragment
 * written with a gathering write.
 */
final class Fmp4Recording {

    private Fmp4Recording() {
    }

    /**
     * Writes init + fragments to {@code file}. <b>Takes ownership</b> of the access units.
     *
     * @return the fragments' runs and sequence numbers, for assertions (contents already released)
     */
    static List<Fmp4Fragment> write(Path file, List<? extends MediaFormat> formats, List<AccessUnit> units,
                                    int audioFragmentFrames) {
        List<AccessUnit> ordered = new ArrayList<>(units);
        ordered.sort(Comparator.comparingDouble(au -> (double) au.dts() / formats.get(au.track()).clockRate()));
        boolean hasVideo = formats.stream().anyMatch(f -> f.codec().isVideo());
        List<Fmp4Fragment> written = new ArrayList<>();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Fmp4InitSegment init = Fmp4InitSegment.write(formats, ByteBufAllocator.DEFAULT);
            gatheringWrite(out, init.content());
            init.release();
            try (Fmp4FragmentWriter writer = new Fmp4FragmentWriter(init.tracks(), ByteBufAllocator.DEFAULT)) {
                int audioFrames = 0;
                for (AccessUnit au : ordered) {
                    boolean video = au.codec().isVideo();
                    boolean cut = hasVideo ? video && au.keyframe() : audioFrames == audioFragmentFrames;
                    if (cut && writer.hasPending()) {
                        written.add(writeFragment(out, writer.flush(au.track(), au.dts())));
                        audioFrames = 0;
                    }
                    audioFrames += video ? 0 : 1;
                    if (!writer.add(au)) {
                        throw new AssertionError("rejected " + au);
                    }
                }
                written.add(writeFragment(out, writer.flush()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    private static Fmp4Fragment writeFragment(FileChannel out, Fmp4Fragment fragment) throws IOException {
        gatheringWrite(out, fragment.content());
        fragment.release();
        return fragment;
    }

    /** Writes a buffer's readable bytes by their NIO views, as the storage layer does; no copy. */
    static void gatheringWrite(FileChannel out, ByteBuf buf) throws IOException {
        ByteBuffer[] views = buf.nioBuffers();
        long left = buf.readableBytes();
        while (left > 0) {
            left -= out.write(views);
        }
    }
}
