package io.argus.server.api.transcode;

import io.argus.server.api.ApiModule;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.auth.Action;
import io.argus.server.transcode.TranscodeInfo;
import io.argus.server.transcode.TranscodeService;
import io.javalin.http.Context;

/**
 * Live transcodes as an operator sees them: the running jobs ({@code GET /api/v1/transcodes}) and the node's
 * transcode capacity and video hardware ({@code GET /api/v1/node}).
 */
public final class TranscodeHandlers implements ApiModule {
    private final TranscodeService transcodes;

    public TranscodeHandlers(TranscodeService transcodes) {
        this.transcodes = transcodes;
    }

    @Override
    public void install(Routes routes) {
        routes.get("/api/v1/transcodes", Require.tenant(Action.VIEW_SYSTEM), this::list)
                .summary("running transcodes (live, playback, export): camera, rendition, viewers, fps, cpu")
                .returnsListOf(TranscodeInfo.class);
        routes.get("/api/v1/node", Require.tenant(Action.VIEW_SYSTEM), this::node)
                .summary("this node's transcode capacity and video hardware").returns(NodeResponse.class);
    }

    /** Every tenant's jobs: node figures, like {@code /api/v1/node/stats}, for the system administrator. */
    private void list(Context ctx) {
        ctx.json(transcodes.jobs());
    }

    private void node(Context ctx) {
        ctx.json(new NodeResponse(new NodeResponse.Transcode(transcodes.config().maxJobs(), transcodes.running(),
                transcodes.hardware().encoders().isEmpty() ? "libx264" : transcodes.hardware().encoders().getFirst()),
                new NodeResponse.Hardware(transcodes.hardware().devices(), transcodes.hardware().encoders())));
    }
}
