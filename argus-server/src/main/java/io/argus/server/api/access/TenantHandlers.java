package io.argus.server.api.access;

import io.argus.metadata.DuplicateNameException;
import io.argus.metadata.Tenant;
import io.argus.metadata.TenantRepository;
import io.argus.metadata.User;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.PathIds;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.api.Validate;
import io.argus.server.api.access.AccessDtos.TenantRequest;
import io.argus.server.api.access.AccessDtos.TenantResponse;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Accounts;
import io.argus.server.auth.Action;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.UUID;

/**
 * {@code /api/v1/tenants}: system administration. Creating a tenant may create its first tenant-admin (through
 * {@link Accounts}, like every user: the password policy and the granting rule); a
 * disabled tenant's users cannot log in and its tokens and signed URLs stop working (its data stays).
 */
final class TenantHandlers implements ApiModule {
    private static final String BASE = "/api/v1/tenants";

    private final TenantRepository tenants;
    private final Accounts accounts;
    private final Clock clock;

    TenantHandlers(TenantRepository tenants, Accounts accounts, Clock clock) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void install(Routes routes) {
        routes.get(BASE, Require.tenant(Action.MANAGE_TENANTS), this::list)
                .summary("every tenant").returnsListOf(TenantResponse.class);
        routes.post(BASE, Require.tenant(Action.MANAGE_TENANTS), Audit.create(AuditActions.TENANT_CREATE, "tenant"),
                this::create)
                .summary("creates a tenant with its first admin").body(TenantRequest.class).returns(TenantResponse.class);
        routes.get(BASE + "/{tid}", Require.tenant(Action.MANAGE_TENANTS), this::get)
                .summary("one tenant").returns(TenantResponse.class);
        routes.patch(BASE + "/{tid}", Require.tenant(Action.MANAGE_TENANTS),
                Audit.change(AuditActions.TENANT_UPDATE, "tenant", "tid"), this::patch)
                .summary("renames or disables a tenant").body(TenantRequest.class).returns(TenantResponse.class);
    }

    private void list(Context ctx) {
        ctx.json(tenants.list().stream().map(TenantHandlers::response).toList());
    }

    private void get(Context ctx) {
        ctx.json(response(tenant(ctx)));
    }

    private void create(Context ctx) {
        TenantRequest req = RequestBodies.read(ctx, TenantRequest.class);
        String name = Validate.name("name", req.name());
        Tenant t;
        if (req.adminUsername() != null) {
            Validate.name("adminUsername", req.adminUsername());
            User admin = accounts.createFirstAdmin(AuthFilter.principal(ctx), req.adminUsername(),
                    req.adminPassword(), () -> insert(name).id());
            t = tenants.find(admin.tenantId()).orElseThrow();
        } else if (req.adminPassword() != null) {
            throw Validate.invalid("adminUsername", "is required with adminPassword");
        } else {
            t = insert(name);
        }
        ctx.status(201).header("Location", BASE + "/" + t.id()).json(response(t));
    }

    private Tenant insert(String name) {
        try {
            return tenants.create(name, clock.instant());
        } catch (DuplicateNameException e) {
            throw new ApiException(ErrorCode.CONFLICT, "a tenant named " + name + " exists");
        }
    }

    private void patch(Context ctx) {
        Tenant t = tenant(ctx);
        TenantRequest req = RequestBodies.read(ctx, TenantRequest.class);
        if (req.name() != null || req.adminUsername() != null || req.adminPassword() != null) {
            throw Validate.invalid("disabled", "is the only field that can be changed");
        }
        if (req.disabled() != null) {
            if (req.disabled() && t.id().equals(AuthFilter.principal(ctx).homeTenant())) {
                throw new ApiException(ErrorCode.CONFLICT, "you cannot disable your own tenant");
            }
            tenants.setDisabled(t.id(), req.disabled());
        }
        ctx.json(response(tenants.find(t.id()).orElseThrow()));
    }

    private Tenant tenant(Context ctx) {
        UUID id = PathIds.uuid(ctx, "tid", "tenant");
        return tenants.find(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no tenant with id " + id));
    }

    private static TenantResponse response(Tenant t) {
        return new TenantResponse(t.id().toString(), t.name(), t.disabled(), t.createdAt());
    }
}
