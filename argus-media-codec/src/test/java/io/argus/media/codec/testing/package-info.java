/**
 * Test support for the codec module's tests: packets from the RTP captures, source NAL units and frames from
 * the sample media, and a collecting sink. Test code only.
 */
package io.argus.media.codec.testing;
