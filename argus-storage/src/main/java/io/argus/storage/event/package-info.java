/**
 * The event store contract: what analytics, cameras and integrations found (motion, objects, rules, camera down and
 * up, camera-side events), each over a time span of a camera, with a thumbnail, searchable. argus-storage owns the
 * port (events protect recorded windows, as bookmarks do) and argus-metadata the JDBC adapter, so the store needs
 * none of the decoders that produce events.
 *
 * <p>Layer: the JDK only.
 */
package io.argus.storage.event;
