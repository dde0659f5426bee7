package io.argus.media.rtsp;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.path.SourceListener;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * A {@link SourceListener} for tests: creates a stream on onReady, records what each access unit carried
 * (releasing it at once) and the end reason.
 */
public final class RecordingListener implements SourceListener {

    /** What one received access unit carried. */
    public record Received(int track, long pts, boolean keyframe, byte[] content) {
    }

    public final List<Received> units = new CopyOnWriteArrayList<>();
    public volatile List<MediaFormat> formats;
    public volatile String endReason;
    public volatile Stream stream;

    @Override
    public Stream onReady(List<MediaFormat> f, Executor writer) {
        formats = f;
        Stream s = new Stream("test", f, writer);
        s.attach(new StreamConsumer() {
            @Override
            public void onAccessUnit(AccessUnit au) {
                try {
                    units.add(new Received(au.track(), au.pts(), au.keyframe(), RtspTestMedia.content(au)));
                } finally {
                    au.release();
                }
            }
        }, writer, 1024);
        stream = s;
        return s;
    }

    @Override
    public void onEnded(String reason) {
        endReason = reason;
        closeStream();
    }

    /** Closes the stream (releasing its GOP cache), as a Path does when its attempt ends or is closed. */
    public void closeStream() {
        Stream s = stream;
        if (s != null) {
            s.close();
        }
    }
}
