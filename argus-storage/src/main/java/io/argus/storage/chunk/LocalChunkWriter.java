package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Writes a chunk to {@code <final name>.part} and renames it when closed. */
final class LocalChunkWriter implements ChunkWriter {
    private enum State { OPEN, FINISHED, CLOSED, ABORTED, BROKEN }

    private final LocalVolume volume;
    private final ChunkKey key;
    private final String location;
    private final Path part;
    private final Path target;
    private final FileChannel channel;
    private final MessageDigest digest;
    /** Where each view of the fragment being appended started; reused, so an append allocates one set of views. */
    private int[] viewStarts = new int[64];
    private long bytes;
    private State state = State.OPEN;
    private ChunkInfo info;

    LocalChunkWriter(LocalVolume volume, ChunkKey key, String location, Path part, Path target, FileChannel channel) {
        this.volume = volume;
        this.key = key;
        this.location = location;
        this.part = part;
        this.target = target;
        this.channel = channel;
        this.digest = sha256();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public ChunkKey key() {
        return key;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public ChunkPrefix written() {
        MessageDigest copy;
        try {
            copy = (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 clones", e);
        }
        return new Prefix(new ChunkInfo(key, volume.name(), location, bytes, HexFormat.of().formatHex(copy.digest())),
                part, target);
    }

    /**
     * The first {@code info.bytes()} bytes of the {@code .part} file, or of the closed chunk once it is renamed: an
     * open file survives the rename, and a file renamed before it is opened is found under its final name.
     */
    private record Prefix(ChunkInfo info, Path part, Path target) implements ChunkPrefix {
        @Override
        public ReadableChunk open() throws IOException {
            Path path = part;
            FileChannel ch;
            try {
                ch = FileChannel.open(part, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                path = target;
                ch = FileChannel.open(target, StandardOpenOption.READ);
            }
            return new LocalReadableChunk(info.location(), path, ch, info.bytes());
        }
    }

    @Override
    public void append(ByteBuf fragment) throws IOException {
        requireState(State.OPEN, "append");
        int length = fragment.readableBytes();
        if (length == 0) {
            return;
        }
        // Views of the buffer's own memory (one per component of a composite): the kernel reads direct memory as
        // it is; the JDK copies a heap component through a temporary direct buffer, which only heap input costs.
        ByteBuffer[] views = fragment.nioBuffers();
        if (viewStarts.length < views.length) {
            viewStarts = new int[Math.max(views.length, 2 * viewStarts.length)];
        }
        for (int i = 0; i < views.length; i++) {
            viewStarts[i] = views[i].position();
        }
        try {
            long left = length;
            while (left > 0) {
                left -= channel.write(views);
            }
        } catch (IOException e) {
            cutBack(e);
            throw e;
        }
        // The same views rewound (writing moved their positions): a fragment has a view per RTP packet's slice, and
        // asking the buffer for them again allocated two ByteBuffers per packet (issue 16's allocation profile).
        for (int i = 0; i < views.length; i++) {
            digest.update(views[i].position(viewStarts[i]));
        }
        bytes += length;
        volume.addUsed(length);
    }

    /** Truncates a partly written fragment away, so the file again ends at the last whole fragment. */
    private void cutBack(IOException cause) {
        try {
            channel.truncate(bytes);
            channel.position(bytes);
        } catch (IOException e) {
            cause.addSuppressed(e);
            state = State.BROKEN;
        }
    }

    @Override
    public void sync() throws IOException {
        requireState(State.OPEN, "sync");
        channel.force(false);
    }

    @Override
    public ChunkInfo finish() throws IOException {
        if (state == State.FINISHED || state == State.CLOSED) {
            return info;
        }
        requireState(State.OPEN, "finish");
        channel.force(false);
        // Nothing is written after finishing, and a finished chunk may wait long for its index row (the database
        // down): it holds no file open meanwhile.
        channel.close();
        info = new ChunkInfo(key, volume.name(), location, bytes, HexFormat.of().formatHex(digest.digest()));
        state = State.FINISHED;
        return info;
    }

    @Override
    public ChunkInfo close() throws IOException {
        if (state == State.CLOSED) {
            return info;
        }
        finish();
        try {
            channel.close();
            if (bytes == 0) {
                Files.deleteIfExists(part);
            } else {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                LocalVolume.syncDirectory(target.getParent());
            }
        } catch (IOException e) {
            state = State.BROKEN;
            throw e;
        }
        state = State.CLOSED;
        return info;
    }

    @Override
    public void abort() {
        if (state == State.CLOSED || state == State.ABORTED) {
            return;
        }
        state = State.ABORTED;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file goes anyway
        }
        try {
            if (Files.deleteIfExists(part)) {
                volume.addUsed(-bytes);
            }
        } catch (IOException e) {
            LocalSegmentStore.LOG.warn("cannot delete aborted chunk {}: {}", part, e.toString());
        }
    }

    private void requireState(State expected, String op) {
        if (state != expected) {
            throw new IllegalStateException(op + " on a chunk writer that is " + state + ": " + location);
        }
    }

    @Override
    public String toString() {
        return "LocalChunkWriter[" + location + ", " + bytes + " bytes, " + state + "]";
    }
}
