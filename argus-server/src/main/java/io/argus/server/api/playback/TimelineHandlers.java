package io.argus.server.api.playback;

import io.argus.metadata.Camera;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.PathIds;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.api.TimeParams;
import io.argus.server.api.Validate;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.camera.CameraService;
import io.argus.storage.chunk.Bookmark;
import io.argus.storage.chunk.Bookmarks;
import io.argus.storage.chunk.RecordedChunks;
import io.argus.storage.chunk.Span;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * What a camera has recorded and what operators marked: {@code /recordings} (spans and gaps of a range),
 * {@code /timeline} (a day minute by minute, with its bookmarks) and {@code /bookmarks}. Recorded means up to the
 * last fragment written of the chunk being recorded, about a second behind live.
 */
public final class TimelineHandlers implements ApiModule {
    private static final String CAMERA = "/api/v1/cameras/{id}/";
    /**
     * The longest range {@code /recordings} answers: a month of one-minute chunks is 44,640 index rows, read in
     * well under a second; a calendar view asks month by month.
     */
    static final Duration MAX_RECORDINGS_RANGE = Duration.ofDays(31);
    /** Bookmarks listed without a range: from the epoch to far beyond any recording. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final CameraService cameras;
    private final RecordedChunks recorded;
    private final Bookmarks bookmarks;
    private final Clock clock;

    public TimelineHandlers(CameraService cameras, RecordedChunks recorded, Bookmarks bookmarks, Clock clock) {
        this.cameras = cameras;
        this.recorded = recorded;
        this.bookmarks = bookmarks;
        this.clock = clock;
    }

    @Override
    public void install(Routes routes) {
        routes.get(CAMERA + "recordings", Require.camera(Action.PLAYBACK), this::recordings)
                .summary("recorded spans and gaps of a range").returns(RecordingsResponse.class);
        routes.get(CAMERA + "timeline", Require.camera(Action.PLAYBACK), this::timeline)
                .summary("seconds recorded per minute of a day, and bookmarks").returns(TimelineResponse.class);
        routes.get(CAMERA + "bookmarks", Require.camera(Action.PLAYBACK), this::listBookmarks)
                .summary("bookmarks of a range").returnsListOf(BookmarkResponse.class);
        routes.post(CAMERA + "bookmarks", Require.camera(Action.BOOKMARK),
                Audit.create(AuditActions.BOOKMARK_CREATE, "bookmark"), this::addBookmark)
                .summary("bookmarks a range (protects it from retention)").body(BookmarkRequest.class).returns(BookmarkResponse.class);
        routes.delete(CAMERA + "bookmarks/{bid}", Require.camera(Action.BOOKMARK),
                Audit.change(AuditActions.BOOKMARK_DELETE, "bookmark", "bid"), this::deleteBookmark)
                .summary("deletes a bookmark");
    }

    private Camera camera(Context ctx) {
        return PathIds.camera(ctx, cameras);
    }

    private void recordings(Context ctx) {
        Camera c = camera(ctx);
        Instant[] r = TimeParams.range(ctx, MAX_RECORDINGS_RANGE);
        List<Span> spans = recorded.spans(c.tenantId(), c.id(), r[0], r[1]);
        ctx.json(new RecordingsResponse(r[0], r[1], ranges(spans, Span.Kind.RECORDED), ranges(spans, Span.Kind.GAP)));
    }

    private static List<TimeRangeResponse> ranges(List<Span> spans, Span.Kind kind) {
        return spans.stream().filter(s -> s.kind() == kind).map(s -> new TimeRangeResponse(s.from(), s.to()))
                .toList();
    }

    private void timeline(Context ctx) {
        Camera c = camera(ctx);
        String rawDay = ctx.queryParam("day");
        LocalDate day;
        try {
            day = LocalDate.parse(rawDay == null ? "" : rawDay);
        } catch (DateTimeException e) {
            throw TimeParams.invalid("day", "a date such as 2026-11-23");
        }
        String rawZone = ctx.queryParam("tz");
        ZoneId zone;
        try {
            zone = rawZone == null || rawZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(rawZone);
        } catch (DateTimeException e) {
            throw TimeParams.invalid("tz", "a time zone such as Europe/Paris or UTC");
        }
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        int[] millis = recorded.coverageByMinute(c.tenantId(), c.id(), day, zone);
        double[] seconds = new double[millis.length];
        for (int i = 0; i < millis.length; i++) {
            seconds[i] = millis[i] / 1000.0;
        }
        List<BookmarkResponse> marks = bookmarks.list(c.tenantId(), c.id(), from, to).stream()
                .map(BookmarkResponse::of).toList();
        ctx.json(new TimelineResponse(day, zone.getId(), from, to, seconds, marks));
    }

    private void listBookmarks(Context ctx) {
        Camera c = camera(ctx);
        Instant from = ctx.queryParam("from") == null ? Instant.EPOCH : TimeParams.query(ctx, "from");
        Instant to = ctx.queryParam("to") == null ? END_OF_TIME : TimeParams.query(ctx, "to");
        TimeParams.check(from, to, null);
        ctx.json(bookmarks.list(c.tenantId(), c.id(), from, to).stream().map(BookmarkResponse::of).toList());
    }

    private void addBookmark(Context ctx) {
        Camera c = camera(ctx);
        BookmarkRequest req = RequestBodies.read(ctx, BookmarkRequest.class);
        Instant from = TimeParams.parse("from", req.from());
        Instant to = TimeParams.parse("to", req.to());
        TimeParams.check(from, to, null);
        String note = req.note() == null ? "" : Validate.text("note", req.note());
        if (note.length() > Bookmark.MAX_NOTE_LENGTH) {
            throw TimeParams.invalid("note", "at most " + Bookmark.MAX_NOTE_LENGTH + " characters");
        }
        Bookmark b = new Bookmark(c.tenantId(), c.id(), UUID.randomUUID(), from, to, note, clock.instant());
        bookmarks.add(b);
        ctx.status(201).header("Location", "/api/v1/cameras/" + c.id() + "/bookmarks/" + b.id())
                .json(BookmarkResponse.of(b));
    }

    private void deleteBookmark(Context ctx) {
        Camera c = camera(ctx);
        UUID id = PathIds.uuid(ctx, "bid", "bookmark");
        boolean ours = bookmarks.find(c.tenantId(), id).filter(b -> b.camera().equals(c.id())).isPresent();
        if (!ours || !bookmarks.delete(c.tenantId(), id)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no bookmark with id " + id + " on camera " + c.id());
        }
        ctx.status(204);
    }
}
