package io.argus.storage.chunk;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The base of a decorator of a store: every method forwards to the delegate, and a decorator overrides only what
 * it changes. A method added to {@link SegmentStore} is forwarded here once for every decorator (a test fails the
 * build until it is), so no decorator can forget one: a hand-written decorator that did not forward recovery once
 * kept a node from starting.
 *
 * @param <S> the kind of store decorated
 */
public abstract class ForwardingSegmentStore<S extends SegmentStore> implements SegmentStore {
    protected final S delegate;

    protected ForwardingSegmentStore(S delegate) {
        this.delegate = delegate;
    }

    @Override
    public ChunkInfo put(ChunkKey key, Placement placement, ReadableChunk source) throws IOException {
        return delegate.put(key, placement, source);
    }

    @Override
    public ReadableChunk open(String location) throws IOException {
        return delegate.open(location);
    }

    @Override
    public boolean delete(String location) throws IOException {
        return delegate.delete(location);
    }

    @Override
    public String volumeOf(String location) {
        return delegate.volumeOf(location);
    }

    @Override
    public void forEachChunk(Consumer<StoredChunk> action) throws IOException {
        delegate.forEachChunk(action);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
