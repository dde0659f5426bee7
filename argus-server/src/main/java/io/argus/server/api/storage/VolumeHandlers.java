package io.argus.server.api.storage;

import io.argus.server.api.ApiModule;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.auth.Action;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.VolumeUsage;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@code GET /api/v1/storage}: recording volumes, their directories and how full they are, for the admin page. */
public final class VolumeHandlers implements ApiModule {
    private final Supplier<List<VolumeUsage>> usage;
    private final Map<String, String> paths;

    public VolumeHandlers(Supplier<List<VolumeUsage>> usage, List<LocalVolumeConfig> volumes) {
        this.usage = usage;
        this.paths = volumes.stream().collect(Collectors.toMap(LocalVolumeConfig::name, v -> v.dir().toString()));
    }

    /** The volumes are the node's, shared by its tenants: a system view. */
    @Override
    public void install(Routes routes) {
        routes.get("/api/v1/storage", Require.tenant(Action.VIEW_SYSTEM), this::storage)
                .summary("recording volumes: size, free, used").returns(StorageResponse.class);
    }

    private void storage(Context ctx) {
        ctx.json(new StorageResponse(usage.get().stream().map(u -> new StorageResponse.Volume(u.volume(),
                paths.get(u.volume()), u.usedBytes(), u.maxBytes() == Long.MAX_VALUE ? null : u.maxBytes(),
                u.freeBytes(), u.minFreeBytes(), Math.max(0, u.roomBytes()))).toList()));
    }
}
