package io.argus.storage.playback;

import io.argus.storage.chunk.ChunkRecord;

/**
 * Cluster mode: a chunk playback needs is still on the local disk of the node that wrote it (the hot tier, not yet
 * copied to object storage), not on this node's. Unchecked, like {@link PlaybackException}, so that it reaches the
 * server's error mapping from inside a stream's I/O as well: a clear refusal, never a silent gap in what is served.
 */
public final class ChunkElsewhereException extends RuntimeException {
    private final String writerNode;

    public ChunkElsewhereException(ChunkRecord chunk) {
        super("the recording of camera " + chunk.camera() + " from " + chunk.start() + " is on node "
                + chunk.writerNode() + "'s disk, which this node does not read yet; ask node " + chunk.writerNode()
                + ", or wait until the chunk is copied to object storage", null, false, false);
        this.writerNode = chunk.writerNode();
    }

    /** The node whose disk holds the chunk. */
    public String writerNode() {
        return writerNode;
    }
}
