/**
 * Analytics and events on the node: each camera's analytics settings (stored, applied to the pipeline), and the
 * event hub every event passes through (stored, published live, and arming event recording).
 *
 * <p>Layer: the analytics module, the event contract, metadata repositories, the camera service and recording;
 * Jackson for the settings document. Never HTTP.
 */
package io.argus.server.analytics;
