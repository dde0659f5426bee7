package io.argus.server.api.events;

import io.argus.server.analytics.EventHub;
import io.argus.server.analytics.EventListener;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.Guard;
import io.argus.server.api.Json;
import io.argus.server.api.PathIds;
import io.argus.server.api.Recheck;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Principal;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.camera.CameraService;
import io.argus.metadata.Camera;
import io.argus.storage.event.EventPage;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.Map;
import java.util.UUID;

/** Events: search, the live stream, thumbnails. */
public final class EventsHandlers implements ApiModule {
    private static final String EVENTS = "/api/v1/events";

    private static final String FILTER = "argus.eventFilter";
    private static final String EVENT_STREAM = "text/event-stream";

    private final CameraService cameras;
    private final EventHub hub;
    private final SessionRechecks rechecks;
    private final SseHandler sse = new SseHandler(this::stream);

    /** @param rechecks ends open streams whose credential no longer allows them (the node's one re-check loop) */
    public EventsHandlers(CameraService cameras, EventHub hub, SessionRechecks rechecks) {
        this.cameras = cameras;
        this.hub = hub;
        this.rechecks = rechecks;
    }

    @Override
    public void install(Routes routes) {
        routes.get(EVENTS, Require.AUTHENTICATED, this::search)
                .summary("searches the events of the cameras the caller may see, newest first, a page at a time"
                        + " (camera, type, class, zone, from, to, minConfidence, limit, cursor)")
                .returns(EventPageResponse.class);
        routes.get(EVENTS + "/stream", Require.AUTHENTICATED, this::openStream)
                .summary("the events of the cameras the caller may see as they happen (Server-Sent Events, one"
                        + " 'event' message each; same filters as the search)");
        routes.get("/api/v1/cameras/{id}/events/{event}/thumbnail.jpg", Require.cameraVisible(),
                Audit.view(AuditActions.EVENT_THUMBNAIL), this::thumbnail)
                .summary("an event's JPEG thumbnail");
    }

    private void search(Context ctx) {
        Principal p = Guard.principal(ctx);
        EventPage page = hub.store().search(EventFilter.parse(ctx).query(p, cameras));
        ctx.json(new EventPageResponse(page.events().stream().map(EventResponse::of).toList(),
                page.next() == null ? null : page.next().token()));
    }

    private void thumbnail(Context ctx) {
        Camera c = PathIds.camera(ctx, cameras);
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("event"));
        } catch (IllegalArgumentException e) {
            throw noEvent(ctx);
        }
        byte[] jpeg = hub.store().find(c.tenantId(), id).filter(e -> e.camera().equals(c.id()))
                .flatMap(e -> hub.store().thumbnail(c.tenantId(), id)).orElseThrow(() -> noEvent(ctx));
        ctx.contentType("image/jpeg").header("Cache-Control", "private, max-age=86400").result(jpeg);
    }

    private static ApiException noEvent(Context ctx) {
        return new ApiException(ErrorCode.NOT_FOUND, "no event with id " + ctx.pathParam("event")
                + " on this camera");
    }

    /** Checks the request while it can still be answered with an error, then opens the stream. */
    private void openStream(Context ctx) throws Exception {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains(EVENT_STREAM)) {
            // Javalin's SSE handler answers only such requests (EventSource sends the header itself).
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "this is a Server-Sent Events stream: send Accept: "
                    + EVENT_STREAM, Map.of("Accept", EVENT_STREAM));
        }
        EventFilter filter = EventFilter.parse(ctx);
        if (filter.camera() != null && !Guard.principal(ctx).sees(filter.camera())) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no camera with id " + filter.camera());
        }
        ctx.attribute(FILTER, filter);
        EventStream.maxDuration(ctx);
        sse.handle(ctx);
    }

    /** Runs on the request's virtual thread for as long as the client listens. */
    private void stream(SseClient client) {
        Context ctx = client.ctx();
        Recheck recheck = ctx.attribute(Recheck.ATTRIBUTE);
        EventStream stream = new EventStream(ctx.attribute(FILTER), Guard.principal(ctx),
                EventStream.maxDuration(ctx));
        EventListener listener = stream::offer;
        hub.addLiveListener(listener);
        try (SessionRechecks.Watch w = recheck.watch(rechecks, stream::principal, stream::revoked)) {
            stream.run(client, e -> Json.MAPPER.writeValueAsString(EventResponse.of(e)));
        } finally {
            hub.removeLiveListener(listener);
        }
    }
}
