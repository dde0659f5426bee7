package io.argus.media.codec.format.ts;

import io.argus.media.codec.AccessUnitSink;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import java.util.List;

/** What a {@link TsDemuxer} finds: the program's tracks, their formats, then access units. */
public interface TsListener extends AccessUnitSink {
    /**
     * The tracks of the program, from its first PMT: video streams first, then audio, each in PMT order; the
     * index in this list is the access units' track. Called once; later PMTs do not change the layout.
     */
    void tracks(List<Codec> codecs);

    /** The format of {@code track} was found in the stream (parameter sets, ADTS header) or changed. */
    void format(int track, MediaFormat format);
}
