/**
 * What every user of FFmpeg through JavaCPP in this module shares (snapshots, transcodes, analytics decoding):
 * FFmpeg's error codes in its own words.
 */
package io.argus.media.av;
