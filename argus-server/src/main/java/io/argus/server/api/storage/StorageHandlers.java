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
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.tier.MoverStatus;
import io.argus.storage.tier.Promotions;
import io.argus.storage.tier.Restores;
import io.argus.storage.tier.TierException;
import io.argus.storage.tier.TierPolicy;
import io.argus.storage.tier.TierService;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Storage tiers: policies ({@code /api/v1/storage/policies}), their assignment to cameras and as the tenant's
 * default, the mover's status and a pass on demand, usage and cost, restores and promotions of a camera's range.
 * The rules are the {@link TierService}'s; its refusals ({@link TierException}) are answered by the API's {@code ErrorMapper}.
 */
public final class StorageHandlers implements ApiModule {
    private static final String STORAGE = "/api/v1/storage/";
    private static final String CAMERA = "/api/v1/cameras/{id}/";

    private final CameraService cameras;
    private final TierService tiers;

    public StorageHandlers(CameraService cameras, TierService tiers) {
        this.cameras = cameras;
        this.tiers = tiers;
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
                tiers.tenantDefault(tenant(ctx)).map(UUID::toString).orElse(null))))
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
                                 Instant lastPassAt, long movedTotal, List<String> targets,
                                 MoverStatus.Conversions conversions) {
    }

    private StatusResponse status(MoverStatus s) {
        return new StatusResponse(s.alert() ? "degraded" : "ok", s.alert(), s.backlogChunks(), s.backlogBytes(),
                s.failingTargets().stream().sorted().toList(), s.lastError(), s.lastErrorAt(), s.lastPassAt(),
                s.movedTotal(), tiers.targets().stream().map(t -> t.name() + " (" + t.region() + ")").toList(),
                s.conversions());
    }

    private void list(Context ctx) {
        ctx.json(tiers.policies(tenant(ctx)).stream().map(TierPolicyBody::of).toList());
    }

    private TierPolicy policy(Context ctx) {
        UUID id = PathIds.uuid(ctx, "pid", "storage policy");
        return tiers.policy(tenant(ctx), id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "no storage policy with id " + id));
    }

    private void get(Context ctx) {
        ctx.json(TierPolicyBody.of(policy(ctx)));
    }

    /** The body as a policy; a policy that breaks its own rules is a validation failure. */
    private TierPolicy parse(Context ctx, UUID id) {
        TierPolicyBody body = RequestBodies.read(ctx, TierPolicyBody.class);
        try {
            return body.toPolicy(id, tenant(ctx));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
    }

    private void create(Context ctx) {
        TierPolicy p = parse(ctx, UUID.randomUUID());
        tiers.createPolicy(p);
        ctx.status(201).json(TierPolicyBody.of(p));
    }

    private void update(Context ctx) {
        TierPolicy p = parse(ctx, policy(ctx).id());
        tiers.updatePolicy(p);
        ctx.json(TierPolicyBody.of(p));
    }

    private void delete(Context ctx) {
        tiers.deletePolicy(tenant(ctx), PathIds.uuid(ctx, "pid", "storage policy"));
        ctx.status(204);
    }

    /** The policy named by a {@code {"policyId"}} body; null clears. */
    private static UUID policyRef(Context ctx) {
        PolicyRef ref = RequestBodies.read(ctx, PolicyRef.class);
        if (ref.policyId() == null) {
            return null;
        }
        try {
            return UUID.fromString(ref.policyId());
        } catch (IllegalArgumentException e) {
            throw TierException.noSuchPolicy(ref.policyId());
        }
    }

    private void setDefault(Context ctx) {
        UUID id = policyRef(ctx);
        tiers.setTenantDefault(tenant(ctx), id);
        ctx.json(new PolicyRef(id == null ? null : id.toString()));
    }

    private void cameraPolicy(Context ctx) {
        Camera c = PathIds.camera(ctx, cameras);
        ctx.json(new PolicyRef(tiers.assigned(c.tenantId(), c.id()).map(UUID::toString).orElse(null)));
    }

    private void assign(Context ctx) {
        Camera c = PathIds.camera(ctx, cameras);
        UUID id = policyRef(ctx);
        tiers.assign(c.tenantId(), c.id(), id);
        ctx.json(new PolicyRef(id == null ? null : id.toString()));
    }

    /** Chunks named in answers: their start (the chunk id in media URLs) and tier. */
    public record ChunkRef(String start, String end, String tier) {
        static List<ChunkRef> of(List<ChunkRecord> rs) {
            return rs.stream().map(r -> new ChunkRef(r.start().toString(), r.end().toString(),
                    r.tier().name().toLowerCase(Locale.ROOT))).toList();
        }
    }

    public record RestoreResponse(List<ChunkRef> restoring, List<ChunkRef> readable, int days) {
    }

    /** The {@code days} query parameter; the service checks its range. */
    private static int days(Context ctx) {
        String d = ctx.queryParam("days");
        if (d == null) {
            return TierService.DEFAULT_DAYS;
        }
        try {
            return Integer.parseInt(d);
        } catch (NumberFormatException e) {
            throw TierService.invalidDays();
        }
    }

    private void restore(Context ctx) throws IOException {
        Camera c = PathIds.camera(ctx, cameras);
        Instant[] r = TimeParams.range(ctx, TierService.MAX_RANGE);
        int days = days(ctx);
        Restores.Result res = tiers.restore(c.tenantId(), c.id(), r[0], r[1], days);
        ctx.status(202).json(new RestoreResponse(ChunkRef.of(res.requested()), ChunkRef.of(res.alreadyReadable()),
                days));
    }

    public record PromoteResponse(List<ChunkRef> promoting, List<ChunkRef> alreadyHot, List<ChunkRef> busy,
                                  String hotUntil) {
    }

    private void promote(Context ctx) {
        Camera c = PathIds.camera(ctx, cameras);
        Instant[] r = TimeParams.range(ctx, TierService.MAX_RANGE);
        Promotions.Result res = tiers.promote(c.tenantId(), c.id(), r[0], r[1], days(ctx));
        ctx.status(202).json(new PromoteResponse(ChunkRef.of(res.planned()), ChunkRef.of(res.alreadyHot()),
                ChunkRef.of(res.busy()), res.hotUntil().toString()));
    }

    /** Refuses a playback range that holds chunks needing a restore (the playback module's {@code RestoreCheck}). */
    public void requireReadable(UUID tenant, UUID camera, Instant from, Instant to) {
        tiers.requireReadable(tenant, camera, from, to);
    }
}
