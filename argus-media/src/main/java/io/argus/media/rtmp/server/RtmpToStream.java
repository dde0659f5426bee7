package io.argus.media.rtmp.server;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.AccessUnitSink;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.flv.FlvAudioDemuxer;
import io.argus.media.codec.flv.FlvDemuxOutcome;
import io.argus.media.codec.flv.FlvVideoDemuxer;
import io.argus.media.path.PublishFeed;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.stream.Stream;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one RTMP publisher's audio and video messages into its path's {@link Stream}.
 *
 * <p>RTMP announces no tracks: the stream's tracks are fixed when the first frame comes, from onMetaData
 * ({@code videocodecid}, {@code audiocodecid}) when the publisher sent it, else from the sequence headers seen by
 * then. It goes live once every track has its sequence header; frames before that wait in a {@link PublishFeed}
 * (ffmpeg copying ADTS audio sends the real AAC sequence header only after the first video frame): past its limit
 * the tracks still without one are left out. Video is track 0, audio the next.
 *
 * <p>Single-threaded: the connection's event loop, which is the stream's writer thread.
 */
final class RtmpToStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpToStream.class);

    private final String name;
    private final SourceCounters counters;
    private final PublishFeed feed;
    private final FlvVideoDemuxer video = new FlvVideoDemuxer();
    private final FlvAudioDemuxer audio = new FlvAudioDemuxer();
    private final AccessUnitSink sink = this::unit;
    private Boolean metadataVideo;
    private Boolean metadataAudio;
    private boolean hasVideo;
    private boolean hasAudio;
    private boolean tracksFixed;
    private boolean audioUnsupportedLogged;

    /**
     * @param writer  the connection's event loop: the stream's writer thread
     * @param failure told, once, why the publish cannot go on (an unsupported video codec, a path that refused it)
     */
    RtmpToStream(String name, SourceCounters counters, SourceListener publisher, Executor writer,
                 Consumer<String> failure) {
        this.name = name;
        this.counters = counters;
        this.feed = new PublishFeed(counters, publisher, writer, failure);
    }

    /** onMetaData's properties: which tracks to expect (only before the tracks are fixed). */
    void metadata(Map<String, Object> properties) {
        if (!tracksFixed) {
            metadataVideo = properties.get("videocodecid") != null;
            metadataAudio = properties.get("audiocodecid") != null;
        }
    }

    /** A video message. <b>Borrows</b> {@code payload}. */
    void video(ByteBuf payload, long timestamp, long receivedNanos) {
        if (feed.closed()) {
            return;
        }
        counters.packet(payload.readableBytes());
        FlvDemuxOutcome outcome = video.accept(payload, timestamp, 0, receivedNanos, sink);
        switch (outcome) {
            case FORMAT -> formatChanged(0, video.format());
            case UNSUPPORTED -> feed.fail(video.unsupported());
            case CORRUPT -> counters.invalid(1);
            case NEED_CONFIG -> counters.framesDropped(1);
            default -> {
            }
        }
        goLiveIfReady();
    }

    /** An audio message. <b>Borrows</b> {@code payload}. */
    void audio(ByteBuf payload, long timestamp, long receivedNanos) {
        if (feed.closed()) {
            return;
        }
        counters.packet(payload.readableBytes());
        int track = videoTrackExpected() ? 1 : 0;
        FlvDemuxOutcome outcome = audio.accept(payload, timestamp, track, receivedNanos, sink);
        switch (outcome) {
            case FORMAT -> formatChanged(track, audio.format());
            case UNSUPPORTED -> {
                if (!audioUnsupportedLogged) {
                    audioUnsupportedLogged = true;
                    LOG.warn("RTMP publisher of {}: {}; its audio is dropped", name, audio.unsupported());
                }
                metadataAudio = tracksFixed ? metadataAudio : Boolean.FALSE;
                counters.framesDropped(1);
            }
            case CORRUPT -> counters.invalid(1);
            case NEED_CONFIG -> counters.framesDropped(1);
            default -> {
            }
        }
        goLiveIfReady();
    }

    private void formatChanged(int track, MediaFormat format) {
        if (!tracksFixed) {
            return;
        }
        boolean isVideo = format.codec().isVideo();
        if (isVideo ? !hasVideo : !hasAudio) {
            return;
        }
        if (feed.live()) {
            feed.stream().updateFormat(track, format);
        }
    }

    /** An access unit from a demuxer, on the track layout fixed by the first one. <b>Takes ownership</b>. */
    private void unit(AccessUnit au) {
        if (!tracksFixed) {
            fixTracks();
        }
        boolean isVideo = au.codec().isVideo();
        if (isVideo ? !hasVideo : !hasAudio) {
            au.release();
            counters.framesDropped(1);
            return;
        }
        if (feed.live()) {
            feed.publish(au);
            return;
        }
        feed.hold(au);
        if (!goLiveIfReady() && feed.waitedTooLong()) {
            LOG.warn("RTMP publisher of {}: no sequence header for {} after {} frames; going live without it",
                    name, hasVideo && video.format() == null ? "video" : "audio", PublishFeed.MAX_WAITING_UNITS);
            hasVideo &= video.format() != null;
            hasAudio &= audio.format() != null;
            feed.dropWaiting();
            goLiveIfReady();
        }
    }

    /** Whether there is (or, before the tracks are fixed, will be) a video track, which comes before audio. */
    private boolean videoTrackExpected() {
        return tracksFixed ? hasVideo : metadataVideo != null ? metadataVideo : video.format() != null;
    }

    private void fixTracks() {
        hasVideo = videoTrackExpected();
        tracksFixed = true;
        hasAudio = metadataAudio != null ? metadataAudio : audio.format() != null;
    }

    private boolean goLiveIfReady() {
        if (feed.live() || !tracksFixed || (hasVideo && video.format() == null)
                || (hasAudio && audio.format() == null) || !(hasVideo || hasAudio)) {
            return feed.live();
        }
        List<MediaFormat> formats = new ArrayList<>();
        if (hasVideo) {
            formats.add(video.format());
        }
        if (hasAudio) {
            formats.add(audio.format());
        }
        return feed.goLive(formats, feed::publish);
    }

    boolean live() {
        return feed.live();
    }

    /** Releases the frames still waiting; the stream itself ends when the publisher's path hears it ended. */
    @Override
    public void close() {
        feed.close();
    }
}
