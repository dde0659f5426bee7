/**
 * Evidence export: a signed package of a recorded range (the MP4, a manifest with every chunk's SHA-256 and the
 * hash chain that links them, who exported it and when), signed with the node's Ed25519 key, and its offline
 * check. The API and the CLI both call it; it knows nothing about HTTP.
 *
 * <p>Layer: argus-storage. May import playback, the chunk contract, integrity, Jackson (the manifest's JSON) and
 * the JDK.
 */
package io.argus.storage.evidence;
