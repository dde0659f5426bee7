package io.argus.server.api.integrity;

import io.argus.metadata.Camera;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.Guard;
import io.argus.server.api.MediaAccess;
import io.argus.server.api.PathIds;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.api.TimeParams;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.camera.CameraService;
import io.argus.server.crypto.NodeKeys;
import io.argus.storage.evidence.EvidenceExporter;
import io.argus.storage.integrity.ChainReport;
import io.argus.storage.integrity.ChainVerifier;
import io.argus.storage.playback.Playback;
import io.argus.storage.playback.PlaybackException;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Integrity, evidence and keys: {@code verify} (re-hash a range and walk its hash chain; needs {@code playback} on
 * the camera, within the caller's time window), {@code evidence} (a signed package of a range; {@code export},
 * within the window), and the key rotations (the master key is the node's: system administration; a tenant's
 * data key protects its cameras' recordings and passwords: {@code manage-cameras} on the tenant). Bearer token
 * only: none is a media path a signed URL opens.
 */
public final class IntegrityHandlers implements ApiModule {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrityHandlers.class);
    private static final String CAMERA = "/api/v1/cameras/{id}/";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final CameraService cameras;
    private final ChainVerifier verifier;
    private final EvidenceExporter exporter;
    private final NodeKeys keys;

    public IntegrityHandlers(CameraService cameras, ChainVerifier verifier, EvidenceExporter exporter,
                             NodeKeys keys) {
        this.cameras = cameras;
        this.verifier = verifier;
        this.exporter = exporter;
        this.keys = keys;
    }

    @Override
    public void install(Routes routes) {
        routes.get(CAMERA + "verify", Require.camera(Action.PLAYBACK),
                Audit.change(AuditActions.INTEGRITY_VERIFY, "camera", "id"), this::verify)
                .summary("re-hashes a recorded range and walks its hash chain").returns(VerifyResponse.class);
        routes.post(CAMERA + "verify", Require.camera(Action.PLAYBACK),
                Audit.change(AuditActions.INTEGRITY_VERIFY, "camera", "id"), this::verify)
                .summary("re-hashes a recorded range and walks its hash chain").returns(VerifyResponse.class);
        routes.get(CAMERA + "evidence", Require.camera(Action.EXPORT), Audit.change(AuditActions.EVIDENCE_EXPORT, "camera", "id"),
                this::evidence)
                .summary("a signed evidence package (zip) of a recorded range");
        routes.post("/api/v1/keys/rotate-master", Require.tenant(Action.MANAGE_TENANTS),
                Audit.whole(AuditActions.KEYS_ROTATE_MASTER, "node"), this::rotateMaster)
                .summary("re-wraps every data key under a new master key").returns(MasterRotationResponse.class);
        routes.post("/api/v1/keys/rotate-data", Require.tenant(Action.MANAGE_CAMERAS),
                Audit.whole(AuditActions.KEYS_ROTATE_DATA, "tenant"), this::rotateData)
                .summary("a new data key for the tenant").returns(DataRotationResponse.class);
    }

    /** The range asked for, within the caller's time window for the route's action. */
    private static Instant[] range(Context ctx) {
        Instant[] r = TimeParams.range(ctx, Playback.MAX_RANGE);
        MediaAccess access = MediaAccess.of(ctx);
        if (!access.allows(r[0], r[1])) {
            throw new ApiException(ErrorCode.FORBIDDEN, "the range reaches before " + access.from()
                    + ", the earliest your time window allows");
        }
        return r;
    }

    /**
     * A verification response: {@code ok} false with the problems found (still 200: the check itself worked);
     * {@code verified} says per chunk whether its stored bytes are the original or a tier's converted copy, and
     * the hash they were checked against (the chain itself always runs through the originals' hashes).
     */
    record VerifyResponse(String camera, Instant from, Instant to, boolean ok, int chunks, long bytes, String anchor,
                          List<Problem> problems, List<Verified> verified) {
        record Problem(String kind, long chunk, Instant start, String detail) {
        }

        /** @param stored {@code original}, or {@code converted copy (H265 crf=28)} */
        record Verified(long chunk, String stored, String sha256) {
        }

        static VerifyResponse of(ChainReport r) {
            return new VerifyResponse(r.camera().toString(), r.from(), r.to(), r.ok(), r.chunks(), r.bytes(),
                    r.anchor(), r.problems().stream().map(p -> new Problem(p.kind().name(), p.chunk(), p.start(),
                    p.detail())).toList(), r.verified().stream().map(v -> new Verified(v.chunk(), v.original()
                    ? "original" : "converted copy (" + v.converted() + ")", v.sha256())).toList());
        }
    }

    private void verify(Context ctx) {
        Camera c = PathIds.camera(ctx, cameras);
        Instant[] r = range(ctx);
        ctx.json(VerifyResponse.of(verifier.verify(c.tenantId(), c.id(), r[0], r[1])));
    }

    /**
     * Prepares the whole package (the MP4 in a temporary file) before answering, so a failure is an error
     * response and not a cut download; then streams it.
     */
    private void evidence(Context ctx) throws IOException {
        Camera c = PathIds.camera(ctx, cameras);
        Instant[] r = range(ctx);
        String who = Guard.principal(ctx).username();
        EvidenceExporter.Prepared pkg;
        try {
            pkg = exporter.prepare(c.tenantId(), c.id(), c.name(), r[0], r[1], who);
        } catch (PlaybackException e) {
            throw new ApiException(switch (e.reason()) {
                case NOTHING_RECORDED -> ErrorCode.NOT_FOUND;
                case FORMAT_CHANGE -> ErrorCode.CONFLICT;
            }, e.getMessage(), e.at() == null ? Map.of() : Map.of("splitAt", e.at().toString()));
        }
        try (pkg) {
            String name = c.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-evidence-" + FILE_TIME.format(r[0])
                    + ".zip";
            ctx.contentType("application/zip").header("Content-Disposition", "attachment; filename=\"" + name
                    + "\"");
            try {
                pkg.writeTo(ctx.res().getOutputStream());
            } catch (IOException e) {
                LOG.debug("evidence of camera {}: the client went away: {}", c.id(), e.toString());
            }
        }
    }

    record MasterRotationResponse(String masterKeyId, int rewrapped) {
    }

    record DataRotationResponse(String tenant, String dataKeyId) {
    }

    private void rotateMaster(Context ctx) throws IOException {
        NodeKeys.MasterRotation done;
        try {
            done = keys.rotateMaster(null);
        } catch (IllegalStateException e) {
            throw new ApiException(ErrorCode.CONFLICT, e.getMessage());
        }
        ctx.json(new MasterRotationResponse(done.masterKeyId(), done.rewrapped()));
    }

    private void rotateData(Context ctx) {
        UUID tenant = Guard.principal(ctx).tenantId();
        ctx.json(new DataRotationResponse(tenant.toString(), keys.rotateData(tenant).toString()));
    }
}
