package io.argus.server.api.cameras;

import io.argus.media.path.SourceConfig;
import io.argus.media.path.SourceProbe;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.camera.CameraService;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * {@code POST /api/v1/cameras/test}: connects to a camera the way ingest would, before it is saved, so a typo in
 * the URL or a wrong password shows in the form rather than as a red tile later. A failed connection is a
 * successful test: 200 with {@code ok: false} and the reason; only an invalid request is a 4xx.
 */
public final class CameraTestHandler implements ApiModule {
    /**
     * Longest wait for media: a UDP attempt that gets nothing falls back to TCP after 3 s, and a slow camera
     * needs a few seconds more; an operator waits no longer than this for a form.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CameraService cameras;
    private final SourceProbe probe;

    public CameraTestHandler(CameraService cameras, SourceProbe probe) {
        this.cameras = cameras;
        this.probe = probe;
    }

    @Override
    public void install(Routes routes) {
        routes.post("/api/v1/cameras/test", Require.tenant(Action.MANAGE_CAMERAS),
                Audit.whole(AuditActions.CAMERA_TEST, "camera"), this::test)
                .summary("tries a camera URL the way ingest connects, without saving it").body(CameraTestRequest.class).returns(CameraTestResponse.class);
    }

    private void test(Context ctx) {
        CameraTestRequest req = RequestBodies.read(ctx, CameraTestRequest.class);
        SourceConfig source = cameras.sourceToTest(AuthFilter.principal(ctx).tenantId(), req.camera(), req.toChange());
        SourceProbe.Result r = probe.probe(source, TIMEOUT);
        ctx.json(new CameraTestResponse(r.ok(), r.message(), r.tracks(), r.elapsedMillis()));
    }
}
