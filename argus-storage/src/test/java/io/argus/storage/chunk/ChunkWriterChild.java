package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A recorder stand-in run as a child JVM by {@link SegmentStoreKillTest}, to be killed with SIGKILL while it writes.
 * Arguments: volume dir, tenant, camera, start millis, payload bytes per fragment, mode. It writes the init
 * segment and fragments through a {@link LocalSegmentStore}, syncing each, and prints {@code SYNCED <n> <bytes>}
 * after each sync. Mode {@code half}: after 5 fragments it appends the first half of the 6th, syncs, prints
 * {@code HALF <bytes>} and waits to be killed. Mode {@code run}: fragments without end until killed.
 */
public final class ChunkWriterChild {
    private ChunkWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ChunkKey key = new ChunkKey(UUID.fromString(args[1]), UUID.fromString(args[2]),
                Instant.ofEpochMilli(Long.parseLong(args[3])));
        int payload = Integer.parseInt(args[4]);
        boolean half = args[5].equals("half");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        LocalSegmentStore store = LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir, 1L << 40, 0)));
        ChunkWriter w = store.create(key);
        ByteBuf init = FakeFmp4.init(alloc);
        w.append(init);
        init.release();
        w.sync();
        out.println("SYNCED -1 " + w.bytes());
        for (int n = 0; ; n++) {
            ByteBuf f = FakeFmp4.fragment(alloc, n, payload);
            if (half && n == 5) {
                w.append(f.slice(0, f.readableBytes() / 2));
                f.release();
                w.sync();
                out.println("HALF " + w.bytes());
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return;
            }
            w.append(f);
            f.release();
            w.sync();
            out.println("SYNCED " + n + " " + w.bytes());
        }
    }
}
