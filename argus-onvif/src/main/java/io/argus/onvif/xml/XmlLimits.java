package io.argus.onvif.xml;

/**
 * What a single XML message may cost to read.
 *
 * @param maxBytes largest document; the biggest real ONVIF answer we know (GetProfiles of a 16-channel encoder with
 *                 every configuration inlined) is about 200 KB, so the default of 1 MiB leaves room without letting a
 *                 device (or anything answering in its place) make us hold megabytes per request
 * @param maxDepth deepest element nesting; ONVIF schemas nest about 12 deep, so 64 is generous, and a limit stops a
 *                 deeply nested document from exhausting the stack of whatever walks the tree
 */
public record XmlLimits(int maxBytes, int maxDepth) {
    public static final XmlLimits DEFAULT = new XmlLimits(1 << 20, 64);

    public XmlLimits {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("XML limits must be positive: " + maxBytes + ", " + maxDepth);
        }
    }
}
