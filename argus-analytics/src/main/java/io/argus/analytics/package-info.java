/**
 * Video analytics: a reader of the stream hub that samples frames adaptively, decodes only what it samples, finds
 * motion and objects, applies zones and rules, and produces events.
 */
package io.argus.analytics;
