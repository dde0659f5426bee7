/**
 * AMF0, the Action Message Format of RTMP commands and FLV script data (Adobe "Action Message Format -- AMF 0",
 * 2007): values decoded from and encoded to bytes, with limits that keep hostile input bounded.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer} and {@code io.argus.media.codec}.
 */
package io.argus.media.codec.amf;
