package io.argus.media.mse;

import io.netty.buffer.ByteBuf;

/** Where a live fMP4 feed goes (a WebSocket). Called on the feed's loop only; must not block. */
public interface MseSink {

    /**
     * The feed starts: the RFC 6381 codecs of its tracks (for {@code MediaSource.addSourceBuffer}) and the init
     * segment. <b>Takes ownership</b> of {@code init}.
     */
    void start(String codecs, ByteBuf init);

    /** One fragment (moof + mdat). <b>Takes ownership</b> of {@code fragment}: release it once written. */
    void fragment(ByteBuf fragment);

    /**
     * Whether the sink can take more now. When false the feed stops reading; the sink calls
     * {@link StreamToMse#resume()} once it has drained.
     */
    boolean isWritable();

    /** The feed ended (the camera's stream ended or the server stops); close the transport with this reason. */
    void end(String reason);
}
