package io.argus.server.live;

import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The video pictures a {@code live.ws} viewer received: each one's presentation time (in its track's timescale, from
 * the fragments' tfdt and sample durations and offsets), whether it is a keyframe, and when its message arrived.
 */
record LivePictures(int timescale, List<Picture> pictures) {

    record Picture(long pts, boolean keyframe, long arrivalNanos) {
    }

    /** Reads the init segment and fragments of {@code messages} (all a viewer received, in order). */
    static LivePictures of(List<LiveWsClient.Message> messages) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long[] starts = new long[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            starts[i] = all.size();
            all.writeBytes(messages.get(i).bytes());
        }
        Mp4Structure mp4 = Mp4Structure.validate(Unpooled.wrappedBuffer(all.toByteArray()));
        Mp4Structure.Track video = mp4.tracks().stream().filter(t -> t.handler().equals("vide")).findFirst()
                .orElseThrow();
        List<Picture> pictures = new ArrayList<>();
        int message = 0;
        for (Mp4Structure.Fragment fragment : mp4.fragments()) {
            while (message + 1 < starts.length && starts[message + 1] <= fragment.offset()) {
                message++;
            }
            long arrival = messages.get(message).arrivalNanos();
            for (Mp4Structure.Run run : fragment.runs()) {
                if (run.trackId() != video.trackId()) {
                    continue;
                }
                long dts = run.baseMediaDecodeTime();
                for (Mp4Structure.Sample s : run.samples()) {
                    pictures.add(new Picture(dts + s.compositionOffset(), s.sync(), arrival));
                    dts += s.duration();
                }
            }
        }
        return new LivePictures(video.timescale(), pictures);
    }

    /** The pictures of a file's init segment and one of its segments (no arrival times). */
    static LivePictures of(byte[] init, byte[] segment) {
        return of(List.of(new LiveWsClient.Message(init, 0, 0), new LiveWsClient.Message(segment, 0, 0)));
    }

    long lastPts() {
        return pictures.getLast().pts();
    }
}
