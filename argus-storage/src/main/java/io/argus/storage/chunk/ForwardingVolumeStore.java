package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** {@link ForwardingSegmentStore} for a {@link VolumeStore}: forwards what only stores with volumes do, too. */
public abstract class ForwardingVolumeStore extends ForwardingSegmentStore<VolumeStore> implements VolumeStore {

    protected ForwardingVolumeStore(VolumeStore delegate) {
        super(delegate);
    }

    @Override
    public ChunkWriter create(ChunkKey key) throws IOException {
        return delegate.create(key);
    }

    @Override
    public boolean hasRoom() {
        return delegate.hasRoom();
    }

    @Override
    public List<VolumeUsage> usage() {
        return delegate.usage();
    }

    @Override
    public Optional<Path> localPath(String location) {
        return delegate.localPath(location);
    }

    @Override
    public List<ChunkInfo> recover(ToLongFunction<ByteBuf> lastCompleteEnd) throws IOException {
        return delegate.recover(lastCompleteEnd);
    }

    @Override
    public List<ChunkInfo> recover(ChunkRepair repair) throws IOException {
        return delegate.recover(repair);
    }
}
