/**
 * The alerts capability of the API: a tenant's webhooks under {@code /api/v1/webhooks} and their dead letters.
 * Managing them needs {@code manage-cameras} on the whole tenant: a webhook receives the events of every camera
 * it names (or of all), so one who may manage only some cameras could otherwise have other cameras' events sent
 * out of the node.
 *
 * <p>Layer: the API. Adds {@code io.argus.server.alerts} (the webhook service) to what every capability may use.
 */
package io.argus.server.api.alerts;
