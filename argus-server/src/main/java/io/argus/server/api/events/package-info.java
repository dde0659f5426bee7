/**
 * The event API: search with cursor paging ({@code GET /api/v1/events}), the live stream of events as Server-Sent
 * Events ({@code GET /api/v1/events/stream}) and event thumbnails. Every answer holds only events of cameras the
 * caller may see; the stream asks again every second, as live views do.
 *
 * <p>Layer: the API's shared infrastructure, the event contract and the node's event hub.
 */
package io.argus.server.api.events;
