package io.argus.server.api.recording;

import io.argus.metadata.Camera;
import io.argus.metadata.CameraRecording;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.PathIds;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.api.Validate;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.camera.CameraService;
import io.argus.server.recording.RecordingService;
import io.argus.storage.record.RecordingMode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** A camera's recording settings and status, and events: {@code /recording}, {@code /events}. */
public final class RecordingHandlers implements ApiModule {
    private static final String CAMERA = "/api/v1/cameras/{id}/";

    private final CameraService cameras;
    private final RecordingService recording;
    private final Clock clock;

    public RecordingHandlers(CameraService cameras, RecordingService recording, Clock clock) {
        this.cameras = cameras;
        this.recording = recording;
        this.clock = clock;
    }

    @Override
    public void install(Routes routes) {
        routes.get(CAMERA + "recording", Require.cameraVisible(), this::get)
                .summary("the camera's recording mode, retention and state").returns(RecordingResponse.class);
        routes.put(CAMERA + "recording", Require.camera(Action.MANAGE_CAMERAS),
                Audit.change(AuditActions.CAMERA_RECORDING, "camera", "id"), this::put)
                .summary("sets the camera's recording mode and retention").body(RecordingSettingsRequest.class).returns(RecordingResponse.class);
        routes.post(CAMERA + "events", Require.camera(Action.BOOKMARK),
                Audit.change(AuditActions.RECORDING_EVENT, "camera", "id"), this::event)
                .summary("an event: starts or extends event recording").body(EventRequest.class).returns(EventResponse.class);
    }

    private Camera camera(Context ctx) {
        return PathIds.camera(ctx, cameras);
    }

    private void get(Context ctx) {
        Camera c = camera(ctx);
        ctx.json(RecordingResponse.of(recording.find(c.tenantId(), c.id()), recording.status(c.id()).orElse(null)));
    }

    private void put(Context ctx) {
        Camera c = camera(ctx);
        RecordingSettingsRequest req = RequestBodies.read(ctx, RecordingSettingsRequest.class);
        CameraRecording old = recording.find(c.tenantId(), c.id());
        String mode = old.mode();
        if (req.mode() != null) {
            try {
                mode = RecordingMode.parse(req.mode()).name();
            } catch (IllegalArgumentException e) {
                throw invalid("mode", "continuous, events or off");
            }
        }
        Duration pre = req.preBufferSeconds() == null ? old.preBuffer() : seconds("preBufferSeconds",
                req.preBufferSeconds());
        Duration post = req.postBufferSeconds() == null ? old.postBuffer() : seconds("postBufferSeconds",
                req.postBufferSeconds());
        int days = req.retentionDays() == null ? old.retentionDays() : req.retentionDays();
        CameraRecording next = new CameraRecording(c.tenantId(), c.id(), mode, pre, post, days, clock.instant());
        try {
            recording.update(next);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
        ctx.json(RecordingResponse.of(next, recording.status(c.id()).orElse(null)));
    }

    private void event(Context ctx) {
        Camera c = camera(ctx);
        EventRequest req = ctx.body().isBlank() ? new EventRequest(null, null)
                : RequestBodies.read(ctx, EventRequest.class);
        Validate.text("note", req.note());
        Instant at;
        try {
            at = req.at() == null ? clock.instant() : Instant.parse(req.at());
        } catch (DateTimeParseException e) {
            throw invalid("at", "an ISO-8601 time such as 2026-11-23T10:15:30Z");
        }
        CameraRecording r = recording.find(c.tenantId(), c.id());
        recording.trigger(c.id(), at);
        String until = r.mode().equals(RecordingMode.EVENTS.name()) ? at.plus(r.postBuffer()).toString() : null;
        ctx.status(202).json(new EventResponse(c.id().toString(), at.toString(), r.mode().toLowerCase(Locale.ROOT),
                until));
    }

    private static Duration seconds(String field, double s) {
        if (!(s >= 0) || s > 3600) {
            throw invalid(field, "0 to 3600 seconds");
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static ApiException invalid(String field, String what) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, field + " must be " + what, Map.of(field, what));
    }
}
