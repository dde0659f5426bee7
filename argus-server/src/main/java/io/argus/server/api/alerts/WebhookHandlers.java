package io.argus.server.api.alerts;

import io.argus.metadata.Webhook;
import io.argus.server.alerts.WebhookException;
import io.argus.server.alerts.WebhookService;
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
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.javalin.http.Context;
import java.util.UUID;

/** {@code /api/v1/webhooks}: a tenant's webhooks (list, add, remove) and each one's dead letters. */
public final class WebhookHandlers implements ApiModule {
    private static final String WEBHOOKS = "/api/v1/webhooks";
    /** Dead letters one answer lists, newest first. */
    static final int DEAD_LETTERS_SHOWN = 100;

    private final WebhookService webhooks;

    public WebhookHandlers(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void install(Routes routes) {
        Require manage = Require.tenant(Action.MANAGE_CAMERAS);
        routes.get(WEBHOOKS, manage, this::list)
                .summary("the tenant's webhooks (URL and filter; never the secret)")
                .returnsListOf(WebhookDtos.WebhookResponse.class);
        routes.post(WEBHOOKS, manage, Audit.create(AuditActions.WEBHOOK_CREATE, "webhook"), this::create)
                .summary("adds a webhook: events matching its filter (cameras, types, classes) are posted to its URL,"
                        + " signed with its secret (X-Argus-Signature, docs/alerts.md); the secret is shown once")
                .body(WebhookDtos.CreateRequest.class).returns(WebhookDtos.CreatedResponse.class);
        routes.delete(WEBHOOKS + "/{wid}", manage, Audit.change(AuditActions.WEBHOOK_DELETE, "webhook", "wid"),
                this::delete)
                .summary("removes a webhook and its dead letters; deliveries under way finish");
        routes.get(WEBHOOKS + "/{wid}/deadletters", manage, this::deadLetters)
                .summary("the webhook's deliveries that failed every attempt, newest first, with the reason and body")
                .returnsListOf(WebhookDtos.DeadLetterResponse.class);
    }

    private void list(Context ctx) {
        UUID tenant = AuthFilter.principal(ctx).tenantId();
        ctx.json(webhooks.list(tenant).stream().map(WebhookDtos.WebhookResponse::of).toList());
    }

    private void create(Context ctx) {
        WebhookDtos.CreateRequest req = RequestBodies.read(ctx, WebhookDtos.CreateRequest.class);
        UUID tenant = AuthFilter.principal(ctx).tenantId();
        Webhook w;
        try {
            w = webhooks.add(tenant, new WebhookService.Request(req.url(), req.secret(), req.cameras(), req.types(),
                    req.classes()));
        } catch (WebhookException e) {
            throw Validate.invalid(e.field(), e.getMessage());
        }
        ctx.status(201).header("Location", WEBHOOKS + "/" + w.id()).json(new WebhookDtos.CreatedResponse(w.id(),
                w.url(), w.cameras(), w.types(), w.classes(), w.createdAt(), w.secret()));
    }

    private void delete(Context ctx) {
        UUID tenant = AuthFilter.principal(ctx).tenantId();
        if (!webhooks.delete(tenant, PathIds.uuid(ctx, "wid", "webhook"))) {
            throw noWebhook(ctx);
        }
        ctx.status(204);
    }

    private void deadLetters(Context ctx) {
        UUID tenant = AuthFilter.principal(ctx).tenantId();
        UUID id = PathIds.uuid(ctx, "wid", "webhook");
        if (webhooks.find(tenant, id).isEmpty()) {
            throw noWebhook(ctx);
        }
        ctx.json(webhooks.deadLetters(tenant, id, DEAD_LETTERS_SHOWN).stream()
                .map(WebhookDtos.DeadLetterResponse::of).toList());
    }

    private static ApiException noWebhook(Context ctx) {
        return new ApiException(ErrorCode.NOT_FOUND, "no webhook with id " + ctx.pathParam("wid"));
    }
}
