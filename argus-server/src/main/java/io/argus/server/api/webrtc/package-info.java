/**
 * WebRTC playback over the HTTP API (WHEP, RFC 9725): {@code POST /api/v1/cameras/{id}/whep} takes a viewer's SDP
 * offer and answers, {@code DELETE …/whep/{session}} ends the session. Same permission model as the other live
 * views (a bearer token or a signed media URL, view-live on the camera), audited as a live view, and re-checked
 * every second like live sockets ({@link io.argus.server.auth.SessionRechecks}). WebRTC ingest (WHIP):
 * {@code POST /api/v1/whip/{name}} publishes into the camera of that name ({@link WhipHandlers}), under RTSP, RTMP
 * and SRT publishing's permission (manage-cameras), re-checked the same way.
 *
 * <p>Layer: the HTTP API; it may import the API's shared parts, auth, camera, the stream paths and argus-webrtc.
 */
package io.argus.server.api.webrtc;
