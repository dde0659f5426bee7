package io.argus.server.api.cluster;

import io.argus.server.api.ApiModule;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.auth.Action;
import java.util.function.Supplier;

/** {@code GET /api/v1/cluster}: every node's state and load, as the system administrator sees the whole site. */
public final class ClusterHandlers implements ApiModule {
    private final Supplier<ClusterResponse> cluster;

    public ClusterHandlers(Supplier<ClusterResponse> cluster) {
        this.cluster = cluster;
    }

    @Override
    public void install(Routes routes) {
        routes.get("/api/v1/cluster", Require.tenant(Action.VIEW_SYSTEM), ctx -> ctx.json(cluster.get()))
                .summary("the cluster: nodes with state, cameras, capacity, load, shards and version; shard count; "
                        + "group generation; scale hint")
                .returns(ClusterResponse.class);
    }
}
