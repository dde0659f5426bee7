package io.argus.server.api.onvif;

import io.argus.metadata.OnvifDevice;
import io.argus.onvif.client.Credentials;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/v1/onvif}: discover devices, add one or many (a camera per profile), list and remove them. */
public final class OnvifHandlers implements ApiModule {
    private static final String DEVICES = "/api/v1/onvif/devices";

    private final OnvifService onvif;

    public OnvifHandlers(OnvifService onvif) {
        this.onvif = onvif;
    }

    @Override
    public void install(Routes routes) {
        Require manage = Require.tenant(Action.MANAGE_CAMERAS);
        routes.post("/api/v1/onvif/discover", manage, Audit.whole(AuditActions.ONVIF_DISCOVER, "onvif"), this::discover)
                .summary("WS-Discovery: the ONVIF devices that answer a probe (multicast, or the address given)")
                .body(OnvifDtos.DiscoverRequest.class).returns(OnvifDtos.DiscoverResponse.class);
        routes.get(DEVICES, manage, this::list)
                .summary("the tenant's ONVIF devices with their cameras, clock offset and event subscription")
                .returnsListOf(OnvifDtos.DeviceResponse.class);
        routes.post(DEVICES, manage, Audit.create(AuditActions.ONVIF_DEVICE_ADD, "onvif_device"), this::add)
                .summary("adds an ONVIF device and a camera per chosen profile")
                .body(OnvifDtos.AddDeviceRequest.class).returns(OnvifDtos.AddDeviceResponse.class);
        routes.post(DEVICES + "/bulk", manage, Audit.whole(AuditActions.ONVIF_DEVICE_BULK_ADD, "onvif_device"),
                this::bulk)
                .summary("adds many ONVIF devices; reports what was added and what failed and why")
                .body(OnvifDtos.BulkAddRequest.class).returns(OnvifDtos.BulkAddResponse.class);
        routes.delete(DEVICES + "/{did}", manage, Audit.change(AuditActions.ONVIF_DEVICE_DELETE, "onvif_device",
                "did"), this::delete)
                .summary("removes an ONVIF device and the cameras made from it");
    }

    private void discover(Context ctx) {
        OnvifDtos.DiscoverRequest req = ctx.body().isBlank() ? new OnvifDtos.DiscoverRequest(null, null, null)
                : RequestBodies.read(ctx, OnvifDtos.DiscoverRequest.class);
        UUID tenant = AuthFilter.principal(ctx).tenantId();
        var found = OnvifErrors.call(() -> onvif.discover(tenant, Optional.ofNullable(req.address())
                .filter(a -> !a.isBlank()), new Credentials(req.username(), req.password())));
        ctx.json(new OnvifDtos.DiscoverResponse(found.stream().map(d -> new OnvifDtos.DiscoveredDevice(d.address(),
                d.xaddr(), d.manufacturer(), d.model(), d.firmware(), d.serial(), d.hardwareId(), d.scopes(),
                d.added())).toList()));
    }

    private void list(Context ctx) {
        UUID tenant = AuthFilter.principal(ctx).tenantId();
        ctx.json(onvif.devices(tenant).stream().map(s -> response(s.device(), s.cameras(), s.events(),
                s.eventsReceived(), s.subscriptions())).toList());
    }

    private void add(Context ctx) {
        OnvifDtos.AddDeviceRequest req = RequestBodies.read(ctx, OnvifDtos.AddDeviceRequest.class);
        if (req.xaddr() == null || req.xaddr().isBlank()) {
            throw Validate.invalid("xaddr", "required");
        }
        UUID tenant = AuthFilter.principal(ctx).tenantId();
        OnvifService.Added a = OnvifErrors.call(() -> onvif.add(tenant, new OnvifService.DeviceRequest(req.xaddr(),
                req.username(), req.password()), profiles(req.profiles())));
        ctx.status(201).header("Location", DEVICES + "/" + a.device().id()).json(added(a));
    }

    private void bulk(Context ctx) {
        OnvifDtos.BulkAddRequest req = RequestBodies.read(ctx, OnvifDtos.BulkAddRequest.class);
        if (req.devices() == null || req.devices().isEmpty()) {
            throw Validate.invalid("devices", "required");
        }
        if (req.devices().size() > OnvifService.MAX_BULK) {
            throw Validate.invalid("devices", "at most " + OnvifService.MAX_BULK + " at once");
        }
        List<OnvifService.DeviceRequest> devices = req.devices().stream().map(d -> new OnvifService.DeviceRequest(
                d.xaddr(), d.username() != null ? d.username() : req.username(),
                d.username() != null ? d.password() : req.password())).toList();
        UUID tenant = AuthFilter.principal(ctx).tenantId();
        OnvifService.BulkReport r = onvif.addAll(tenant, devices, profiles(req.profiles()));
        ctx.json(new OnvifDtos.BulkAddResponse(r.added().stream().map(OnvifHandlers::added).toList(),
                r.failed().stream().map(f -> new OnvifDtos.BulkFailure(f.xaddr(), f.error(), f.message())).toList()));
    }

    private void delete(Context ctx) {
        UUID tenant = AuthFilter.principal(ctx).tenantId();
        UUID id = PathIds.uuid(ctx, "did", "ONVIF device");
        OnvifErrors.run(() -> onvif.remove(tenant, id));
        ctx.status(204);
    }

    private static List<String> profiles(List<String> profiles) {
        return profiles == null ? List.of() : profiles.stream().filter(p -> p != null && !p.isBlank()).toList();
    }

    private static OnvifDtos.AddDeviceResponse added(OnvifService.Added a) {
        OnvifDtos.DeviceResponse d = response(a.device(), a.profiles(), "starting", 0, 0);
        return new OnvifDtos.AddDeviceResponse(d, cameras(a));
    }

    private static List<OnvifDtos.DeviceCamera> cameras(OnvifService.Added a) {
        return a.profiles().stream().map(p -> camera(p, a.cameras().stream().filter(c -> c.id().equals(p.cameraId()))
                .findFirst().map(c -> c.name()).orElse(""))).toList();
    }

    private static OnvifDtos.DeviceCamera camera(OnvifDevice.Camera p, String name) {
        return new OnvifDtos.DeviceCamera(p.cameraId(), name, p.profileToken(), p.encoding(), p.width(), p.height(),
                p.fps(), p.ptz());
    }

    private static OnvifDtos.DeviceResponse response(OnvifDevice d, List<OnvifDevice.Camera> cams, String events,
                                                     long received, long subscriptions) {
        return new OnvifDtos.DeviceResponse(d.id(), d.xaddr(), d.username(), d.manufacturer(), d.model(),
                d.firmware(), d.serial(), d.hardwareId(), new OnvifDtos.Services(d.mediaXaddr(), d.media2Xaddr(),
                d.ptzXaddr(), d.eventsXaddr()), d.clockOffsetMillis(), d.createdAt(),
                cams.stream().map(c -> camera(c, null)).toList(), events, received, subscriptions);
    }
}
