package io.argus.server.storage;

import io.argus.media.codec.Codec;
import io.argus.media.reencode.ChunkReencoding;
import io.argus.media.reencode.FfmpegChunkReencoder;
import io.argus.media.transcode.TranscodeException;
import io.argus.server.config.StorageConfig;
import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.tier.ChunkConverter;
import io.argus.storage.tier.TierReencode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tier conversion with FFmpeg (libx265 through the bytedeco jars, no ffmpeg process): the chunk is read whole,
 * hashed as read, re-encoded by {@link FfmpegChunkReencoder} and handed back in memory for the mover to upload.
 * A chunk is about a minute of one camera (megabytes), and one conversion runs at a time on the mover's thread.
 */
final class FfmpegChunkConverter implements ChunkConverter {
    /**
     * The largest chunk converted in memory: 256 MiB is a minute at 34 Mbit/s, beyond any camera's recording.
     * A larger one is refused (and moved as recorded).
     */
    static final long MAX_CHUNK = 256L << 20;

    private final StorageConfig.Reencode config;

    FfmpegChunkConverter(StorageConfig.Reencode config) {
        this.config = config;
    }

    @Override
    public Converted convert(ReadableChunk source, TierReencode how) throws IOException, ConversionException {
        if (source.size() > MAX_CHUNK) {
            throw new ConversionException("the chunk is " + source.size() + " bytes, over the " + MAX_CHUNK
                    + " converted in memory");
        }
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        ByteBuf in = source.read(0, (int) source.size(), alloc);
        String sourceSha;
        FfmpegChunkReencoder.Result r;
        try {
            sourceSha = sha256(in);
            r = FfmpegChunkReencoder.reencode(in, new ChunkReencoding(how.crf(), how.kbps(), config.preset(),
                    config.threads()), alloc);
        } catch (TranscodeException e) {
            throw new ConversionException(e.getMessage());
        } finally {
            in.release();
        }
        ByteBuf out = r.chunk();
        ChunkConversion c = new ChunkConversion(Codec.H265.name(), how.settings(), out.readableBytes(), sha256(out));
        return new Converted(new MemoryChunk(source.location() + "~" + how.spec(), out), sourceSha, c);
    }

    private static String sha256(ByteBuf b) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(b.nioBuffer());
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The converted bytes as a chunk to copy from; closing it releases them. */
    private static final class MemoryChunk implements ReadableChunk {
        private final String location;
        private final ByteBuf bytes;

        MemoryChunk(String location, ByteBuf bytes) {
            this.location = location;
            this.bytes = bytes;
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public long size() {
            return bytes.readableBytes();
        }

        @Override
        public ByteBuf read(long offset, int length, ByteBufAllocator alloc) throws IOException {
            check(offset, length);
            ByteBuf out = alloc.buffer(length);
            out.writeBytes(bytes, bytes.readerIndex() + (int) offset, length);
            return out;
        }

        @Override
        public long transferTo(long offset, long length, WritableByteChannel target) throws IOException {
            check(offset, length);
            return target.write(bytes.nioBuffer(bytes.readerIndex() + (int) offset, (int) length));
        }

        private void check(long offset, long length) throws EOFException {
            if (offset < 0 || length < 0 || offset + length > bytes.readableBytes()) {
                throw new EOFException(offset + "+" + length + " is outside the converted chunk of "
                        + bytes.readableBytes() + " bytes");
            }
        }

        @Override
        public Optional<Path> localPath() {
            return Optional.empty();
        }

        @Override
        public void close() {
            if (bytes.refCnt() > 0) {
                bytes.release();
            }
        }
    }
}
