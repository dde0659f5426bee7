package io.argus.server.api.onvif;

import io.argus.onvif.client.PtzVector;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.PathIds;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.api.Validate;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.onvif.OnvifService;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code /api/v1/cameras/{id}/ptz/…}: moving the PTZ head of a camera made from an ONVIF profile, guarded by the
 * {@code ptz} action on that camera and audited; and {@code …/onvif/events}, what its device reported.
 */
public final class PtzHandlers implements ApiModule {
    private static final String PTZ = "/api/v1/cameras/{id}/ptz";
    /** The most events one read returns. */
    static final int MAX_EVENTS = 500;

    private final OnvifService onvif;

    public PtzHandlers(OnvifService onvif) {
        this.onvif = onvif;
    }

    @Override
    public void install(Routes routes) {
        Require ptz = Require.camera(Action.PTZ);
        routes.post(PTZ + "/move", ptz, Audit.change(AuditActions.PTZ_MOVE, "camera", "id"), this::move)
                .summary("moves the camera: continuous (velocity), relative or absolute, in ONVIF's generic spaces")
                .body(OnvifDtos.PtzMoveRequest.class);
        routes.post(PTZ + "/stop", ptz, Audit.change(AuditActions.PTZ_STOP, "camera", "id"), this::stop)
                .summary("stops a continuous move");
        routes.post(PTZ + "/home", ptz, Audit.change(AuditActions.PTZ_HOME, "camera", "id"), this::home)
                .summary("moves the camera to its home position");
        routes.get(PTZ + "/presets", ptz, this::presets)
                .summary("the camera's PTZ presets").returnsListOf(OnvifDtos.PtzPresetResponse.class);
        routes.post(PTZ + "/presets", ptz, Audit.change(AuditActions.PTZ_PRESET_SET, "camera", "id"), this::setPreset)
                .summary("saves the current position as a preset").body(OnvifDtos.PtzPresetRequest.class)
                .returns(OnvifDtos.PtzPresetTokenResponse.class);
        routes.post(PTZ + "/presets/{token}/goto", ptz, Audit.change(AuditActions.PTZ_PRESET_GOTO, "camera", "id"),
                this::gotoPreset)
                .summary("moves the camera to a preset");
        routes.delete(PTZ + "/presets/{token}", ptz, Audit.change(AuditActions.PTZ_PRESET_REMOVE, "camera", "id"),
                this::removePreset)
                .summary("removes a preset");
        routes.get("/api/v1/cameras/{id}/onvif/events", Require.cameraVisible(), this::events)
                .summary("the latest events the camera's ONVIF device reported (motion, tamper, inputs, analytics)")
                .returnsListOf(OnvifDtos.OnvifEventResponse.class);
    }

    private void move(Context ctx) {
        OnvifDtos.PtzMoveRequest req = RequestBodies.read(ctx, OnvifDtos.PtzMoveRequest.class);
        String mode = req.mode() == null ? "continuous" : req.mode().toLowerCase(Locale.ROOT);
        PtzVector v = new PtzVector(unit("pan", req.pan()), unit("tilt", req.tilt()), unit("zoom", req.zoom()));
        if (mode.equals("absolute") && v.zoom() < 0) {
            throw Validate.invalid("zoom", "an absolute zoom is 0..1");
        }
        OnvifErrors.call(() -> onvif.ptz(tenant(ctx), camera(ctx), p -> {
            switch (mode) {
                case "continuous" -> p.continuousMove(v);
                case "relative" -> p.relativeMove(v);
                case "absolute" -> p.absoluteMove(v);
                default -> throw Validate.invalid("mode", "continuous, relative or absolute");
            }
            return null;
        }));
        ctx.status(204);
    }

    private void stop(Context ctx) {
        OnvifErrors.call(() -> onvif.ptz(tenant(ctx), camera(ctx), p -> {
            p.stop();
            return null;
        }));
        ctx.status(204);
    }

    private void home(Context ctx) {
        OnvifErrors.call(() -> onvif.ptz(tenant(ctx), camera(ctx), p -> {
            p.gotoHome();
            return null;
        }));
        ctx.status(204);
    }

    private void presets(Context ctx) {
        ctx.json(OnvifErrors.call(() -> onvif.ptz(tenant(ctx), camera(ctx), p -> p.presets().stream().map(pr ->
                new OnvifDtos.PtzPresetResponse(pr.token(), pr.name(), pr.position().map(PtzVector::pan).orElse(null),
                        pr.position().map(PtzVector::tilt).orElse(null), pr.position().map(PtzVector::zoom)
                        .orElse(null))).toList())));
    }

    private void setPreset(Context ctx) {
        OnvifDtos.PtzPresetRequest req = RequestBodies.read(ctx, OnvifDtos.PtzPresetRequest.class);
        String name = Validate.text("name", req.name());
        if (name == null || name.isBlank()) {
            throw Validate.invalid("name", "required");
        }
        String token = OnvifErrors.call(() -> onvif.ptz(tenant(ctx), camera(ctx), p -> p.setPreset(name)));
        ctx.status(201).json(new OnvifDtos.PtzPresetTokenResponse(token));
    }

    private void gotoPreset(Context ctx) {
        String token = ctx.pathParam("token");
        OnvifErrors.call(() -> onvif.ptz(tenant(ctx), camera(ctx), p -> {
            p.gotoPreset(token);
            return null;
        }));
        ctx.status(204);
    }

    private void removePreset(Context ctx) {
        String token = ctx.pathParam("token");
        OnvifErrors.call(() -> onvif.ptz(tenant(ctx), camera(ctx), p -> {
            p.removePreset(token);
            return null;
        }));
        ctx.status(204);
    }

    private void events(Context ctx) {
        int limit = ctx.queryParam("limit") == null ? 100 : parseLimit(ctx.queryParam("limit"));
        ctx.json(OnvifErrors.call(() -> onvif.events(tenant(ctx), camera(ctx), limit)).stream().map(e ->
                new OnvifDtos.OnvifEventResponse(e.topic(), e.time(), e.operation(), e.source(), e.data(),
                        e.receivedAt())).toList());
    }

    private static int parseLimit(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n < 1 || n > MAX_EVENTS) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw Validate.invalid("limit", "a number 1.." + MAX_EVENTS);
        }
    }

    private static double unit(String field, Double v) {
        if (v == null) {
            return 0;
        }
        if (v.isNaN() || v < -1 || v > 1) {
            throw Validate.invalid(field, "-1..1");
        }
        return v;
    }

    private static UUID tenant(Context ctx) {
        return AuthFilter.principal(ctx).tenantId();
    }

    private static UUID camera(Context ctx) {
        return PathIds.uuid(ctx, "id", "camera");
    }
}
