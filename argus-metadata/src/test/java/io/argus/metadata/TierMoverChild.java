package io.argus.metadata;

import io.argus.storage.chunk.ForwardingSegmentStore;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.s3.S3SegmentStore;
import io.argus.storage.s3.S3TargetConfig;
import io.argus.storage.tier.TierMover;
import io.argus.storage.tier.TieredSegmentStore;
import io.argus.testkit.S3Proxies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mover in a child JVM that {@link TierMoverKillTest} kills with SIGKILL: it runs one pass and announces
 * {@code AT <step>} on stdout after the named step (or {@code AT UPLOAD} in the middle of a multipart upload, its
 * first part sent), then waits to be killed.
 *
 * <p>Arguments: data directory, S3 endpoint, step.
 */
public final class TierMoverChild {
    private TierMoverChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String at = args[2];
        Database db = Database.openEmbedded(dir.resolve("db"));
        LocalSegmentStore local = LocalSegmentStore.open(List.of(new LocalVolumeConfig("hot", dir.resolve("hot"),
                Long.MAX_VALUE, 0)));
        S3SegmentStore us = S3SegmentStore.open(new S3TargetConfig("us", URI.create(args[1]), S3Proxies.REGION,
                "us-bucket", "site1/", true, S3Proxies.ACCESS_KEY, S3Proxies.SECRET_KEY,
                S3TargetConfig.MIN_PART_SIZE));
        SegmentStore store = new TieredSegmentStore(local, Map.of("us", us));
        if (at.equals("UPLOAD")) {
            store = new StallingStore(store);
        }
        TierMover mover = new TierMover(store, new JdbcTierIndex(db.dataSource()), Map.of("us", us),
                Clock.systemUTC(), (step, move) -> {
                    if (step.name().equals(at)) {
                        announceAndWait(at);
                    }
                });
        mover.pass();
        System.out.println("DONE");
        System.out.flush();
        announceAndWait("END");
    }

    static void announceAndWait(String what) {
        System.out.println("AT " + what);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A decorator (as encryption at rest would be) whose chunks stall once a read passes 6 MiB: by then the first
     * 5 MiB part of a multipart upload is sent and the upload is open.
     */
    private static final class StallingStore extends ForwardingSegmentStore<SegmentStore> {
        StallingStore(SegmentStore inner) {
            super(inner);
        }

        @Override
        public ReadableChunk open(String location) throws IOException {
            ReadableChunk c = delegate.open(location);
            return new ReadableChunk() {
                @Override
                public String location() {
                    return c.location();
                }

                @Override
                public long size() {
                    return c.size();
                }

                @Override
                public ByteBuf read(long offset, int length, ByteBufAllocator alloc) throws IOException {
                    if (offset >= 6 << 20) {
                        announceAndWait("UPLOAD");
                    }
                    return c.read(offset, length, alloc);
                }

                @Override
                public long transferTo(long offset, long length, WritableByteChannel target) throws IOException {
                    return c.transferTo(offset, length, target);
                }

                @Override
                public Optional<Path> localPath() {
                    return c.localPath();
                }

                @Override
                public void close() throws IOException {
                    c.close();
                }
            };
        }
    }
}
