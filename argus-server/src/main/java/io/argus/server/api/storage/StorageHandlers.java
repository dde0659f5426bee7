package io.argus.server.api.storage;

import io.argus.metadata.Camera;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.PathIds;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.api.TimeParams;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.camera.CameraService;
import io.argus.server.storage.TierService;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.tier.MoverStatus;
import io.argus.storage.tier.Promotions;
import io.argus.storage.tier.Restores;
import io.argus.storage.tier.TierPolicy;
import io.argus.storage.tier.TieredChunk;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Storage tiers: policies ({@code /api/v1/storage/policies}), their assignment to cameras and as the tenant's
 * default, the mover's status and a pass on demand, usage and cost, restores and promotions of a camera's range.
 */
public final class StorageHandlers implements ApiModule {
    private static final String STORAGE = "/api/v1/storage/";
    private static final String CAMERA = "/api/v1/cameras/{id}/";
    /** The longest range one restore or promotion takes: a month of one camera (43,200 one-minute chunks). */
    static final Duration MAX_RANGE = Duration.ofDays(31);

    private final CameraService cameras;
    private final TierService tiers;
    private final java.time.Clock clock;

    public StorageHandlers(CameraService cameras, TierService tiers, java.time.Clock clock) {
        this.cameras = cameras;
        this.tiers = tiers;
        this.clock = clock;
    }

    /**
     * Policies, defaults and usage are the tenant's storage configuration (camera managers); the mover and its
     * targets are the node's (system view); restoring and promoting a camera's range is what an investigator does
     * with a flagged event, so it takes the bookmark action on the camera.
     */
    @Override
    public void install(Routes routes) {
        Require manage = Require.tenant(Action.MANAGE_CAMERAS);
        routes.get(STORAGE + "policies", manage, this::list)
                .summary("tier policies of the tenant").returnsListOf(TierPolicyBody.class);
        routes.post(STORAGE + "policies", manage, Audit.create(AuditActions.STORAGE_POLICY_CREATE, "storage-policy"),
                this::create)
                .summary("creates a tier policy").body(TierPolicyBody.class).returns(TierPolicyBody.class);
        routes.get(STORAGE + "policies/{pid}", manage, this::get)
                .summary("one tier policy").returns(TierPolicyBody.class);
        routes.put(STORAGE + "policies/{pid}", manage,
                Audit.change(AuditActions.STORAGE_POLICY_UPDATE, "storage-policy", "pid"), this::update)
                .summary("replaces a tier policy").body(TierPolicyBody.class).returns(TierPolicyBody.class);
        routes.delete(STORAGE + "policies/{pid}", manage,
                Audit.change(AuditActions.STORAGE_POLICY_DELETE, "storage-policy", "pid"), this::delete)
                .summary("deletes a tier policy");
        routes.get(STORAGE + "default-policy", manage, ctx -> ctx.json(new PolicyRef(
                tiers.index().tenantDefault(tenant(ctx)).map(UUID::toString).orElse(null))))
                .summary("the tenant's default tier policy").returns(PolicyRef.class);
        routes.put(STORAGE + "default-policy", manage, Audit.whole(AuditActions.STORAGE_DEFAULT_POLICY, "tenant"),
                this::setDefault)
                .summary("sets the tenant's default tier policy").body(PolicyRef.class).returns(PolicyRef.class);
        routes.get(STORAGE + "status", Require.tenant(Action.VIEW_SYSTEM), ctx -> ctx.json(status(tiers.status())))
                .summary("the tier mover's state and alert").returns(StatusResponse.class);
        routes.post(STORAGE + "mover/run", Require.tenant(Action.VIEW_SYSTEM),
                Audit.whole(AuditActions.STORAGE_MOVER_RUN, "node"), ctx -> ctx.json(status(tiers.runNow())))
                .summary("runs a tier mover pass now").returns(StatusResponse.class);
        routes.get(STORAGE + "usage", manage, ctx -> ctx.json(tiers.usage(tenant(ctx))))
                .summary("bytes and projected cost per tier and camera");
        routes.get(CAMERA + "storage-policy", Require.cameraVisible(), this::cameraPolicy)
                .summary("the camera's tier policy").returns(PolicyRef.class);
        routes.put(CAMERA + "storage-policy", Require.camera(Action.MANAGE_CAMERAS),
                Audit.change(AuditActions.CAMERA_STORAGE_POLICY, "camera", "id"), this::assign)
                .summary("assigns a tier policy to the camera").body(PolicyRef.class).returns(PolicyRef.class);
        routes.post(CAMERA + "restore", Require.camera(Action.BOOKMARK),
                Audit.change(AuditActions.RECORDING_RESTORE, "camera", "id"), this::restore)
                .summary("restores archived chunks of a range to readable").returns(RestoreResponse.class);
        routes.post(CAMERA + "promote", Require.camera(Action.BOOKMARK),
                Audit.change(AuditActions.RECORDING_PROMOTE, "camera", "id"), this::promote)
                .summary("copies chunks of a range back to the hot tier").returns(PromoteResponse.class);
    }

    private static UUID tenant(Context ctx) {
        return AuthFilter.principal(ctx).tenantId();
    }

    /** The policy reference of a camera or the tenant default; null for none. */
    public record PolicyRef(String policyId) {
    }

    /** The mover's state and the alert. */
    public record StatusResponse(String state, boolean alert, long backlogChunks, long backlogBytes,
                                 List<String> failingTargets, String lastError, Instant lastErrorAt,
                                 Instant lastPassAt, long movedTotal, List<String> targets) {
    }

    private StatusResponse status(MoverStatus s) {
        return new StatusResponse(s.alert() ? "degraded" : "ok", s.alert(), s.backlogChunks(), s.backlogBytes(),
                s.failingTargets().stream().sorted().toList(), s.lastError(), s.lastErrorAt(), s.lastPassAt(),
                s.movedTotal(), tiers.targets().stream().map(t -> t.name() + " (" + t.region() + ")").toList());
    }

    private void list(Context ctx) {
        ctx.json(tiers.index().policies(tenant(ctx)).stream().map(TierPolicyBody::of).toList());
    }

    private TierPolicy policy(Context ctx) {
        UUID id = PathIds.uuid(ctx, "pid", "storage policy");
        return tiers.index().policy(tenant(ctx), id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "no storage policy with id " + id));
    }

    private void get(Context ctx) {
        ctx.json(TierPolicyBody.of(policy(ctx)));
    }

    private TierPolicy parse(Context ctx, UUID id) {
        TierPolicyBody body = RequestBodies.read(ctx, TierPolicyBody.class);
        try {
            TierPolicy p = body.toPolicy(id, tenant(ctx));
            tiers.validate(p);
            return p;
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
    }

    private void create(Context ctx) {
        TierPolicy p = parse(ctx, UUID.randomUUID());
        try {
            tiers.index().createPolicy(p);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.CONFLICT, e.getMessage());
        }
        ctx.status(201).json(TierPolicyBody.of(p));
    }

    private void update(Context ctx) {
        TierPolicy old = policy(ctx);
        TierPolicy p = parse(ctx, old.id());
        try {
            tiers.index().updatePolicy(p);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.CONFLICT, e.getMessage());
        }
        ctx.json(TierPolicyBody.of(p));
    }

    private void delete(Context ctx) {
        TierPolicy p = policy(ctx);
        tiers.index().deletePolicy(p.tenant(), p.id());
        ctx.status(204);
    }

    /** The policy named by a {@code {"policyId"}} body, checked to exist; null clears. */
    private UUID policyRef(Context ctx) {
        PolicyRef ref = RequestBodies.read(ctx, PolicyRef.class);
        if (ref.policyId() == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(ref.policyId());
            if (tiers.index().policy(tenant(ctx), id).isPresent()) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // Not a UUID: no such policy either.
        }
        throw new ApiException(ErrorCode.VALIDATION_FAILED, "no storage policy with id " + ref.policyId(),
                Map.of("policyId", "no such policy"));
    }

    private void setDefault(Context ctx) {
        UUID id = policyRef(ctx);
        tiers.index().setTenantDefault(tenant(ctx), id);
        ctx.json(new PolicyRef(id == null ? null : id.toString()));
    }

    private void cameraPolicy(Context ctx) {
        Camera c = PathIds.camera(ctx, cameras);
        ctx.json(new PolicyRef(tiers.index().assigned(c.tenantId(), c.id()).map(UUID::toString).orElse(null)));
    }

    private void assign(Context ctx) {
        Camera c = PathIds.camera(ctx, cameras);
        UUID id = policyRef(ctx);
        tiers.index().assign(c.tenantId(), c.id(), id);
        ctx.json(new PolicyRef(id == null ? null : id.toString()));
    }

    /** Chunks named in answers: their start (the chunk id in media URLs) and tier. */
    public record ChunkRef(String start, String end, String tier) {
        static List<ChunkRef> of(List<ChunkRecord> rs) {
            return rs.stream().map(r -> new ChunkRef(r.start().toString(), r.end().toString(),
                    r.tier().name().toLowerCase(java.util.Locale.ROOT))).toList();
        }
    }

    public record RestoreResponse(List<ChunkRef> restoring, List<ChunkRef> readable, int days) {
    }

    private static int days(Context ctx, int def) {
        String d = ctx.queryParam("days");
        if (d == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(d);
            if (n >= 1 && n <= 365) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw new ApiException(ErrorCode.VALIDATION_FAILED, "days must be 1..365", Map.of("days", "1..365"));
    }

    private void restore(Context ctx) throws IOException {
        Camera c = PathIds.camera(ctx, cameras);
        Instant[] r = TimeParams.range(ctx, MAX_RANGE);
        int days = days(ctx, 7);
        Restores.Result res = tiers.restore(c.tenantId(), c.id(), r[0], r[1], days);
        ctx.status(202).json(new RestoreResponse(ChunkRef.of(res.requested()), ChunkRef.of(res.alreadyReadable()),
                days));
    }

    public record PromoteResponse(List<ChunkRef> promoting, List<ChunkRef> alreadyHot, List<ChunkRef> busy,
                                  String hotUntil) {
    }

    private void promote(Context ctx) {
        Camera c = PathIds.camera(ctx, cameras);
        Instant[] r = TimeParams.range(ctx, MAX_RANGE);
        int days = days(ctx, 7);
        Instant hotUntil = clock.instant().plus(Duration.ofDays(days));
        Promotions.Result res = tiers.promote(c.tenantId(), c.id(), r[0], r[1], hotUntil);
        if (!res.restoreNeeded().isEmpty()) {
            throw restoreNeeded(res.restoreNeeded());
        }
        ctx.status(202).json(new PromoteResponse(ChunkRef.of(res.planned()), ChunkRef.of(res.alreadyHot()),
                ChunkRef.of(res.busy()), hotUntil.toString()));
    }

    /** The 409 for a range with chunks in an archive class that are not restored; names them. */
    static ApiException restoreNeeded(List<ChunkRecord> chunks) {
        return new ApiException(ErrorCode.RESTORE_NEEDED, chunks.size() + " recording(s) in this range are in an"
                + " archive storage class; POST …/restore?from=&to= and try again when they are restored",
                Map.of("chunks", chunks.stream().map(x -> x.start().toString()).collect(Collectors.joining(","))));
    }

    /** Refuses a playback range that holds chunks needing a restore (the playback module's {@code RestoreCheck}). */
    public void requireReadable(UUID tenant, UUID camera, Instant from, Instant to) {
        List<TieredChunk> need = tiers.restoreNeeded(tenant, camera, from, to);
        if (!need.isEmpty()) {
            throw restoreNeeded(need.stream().map(TieredChunk::chunk).toList());
        }
    }
}
