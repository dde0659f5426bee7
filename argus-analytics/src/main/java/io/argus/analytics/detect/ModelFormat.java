package io.argus.analytics.detect;

/** The output layouts Argus decodes. {@link #detect} recognises them from a model's output shapes. */
public enum ModelFormat {
    /** NanoDet as models/convert_nanodet.py emits it (the shipped COCO model). */
    NANODET(Normalization.NANODET),
    /** YOLOv5/v7 ([b, n, 5+c]) and YOLOv8/YOLO11 ([b, 4+c, n]) exports. */
    YOLO(Normalization.YOLO),
    /** SSD with decoded boxes [b, n, 4] (corners, 0..1) and scores [b, n, c or c+1]. */
    SSD(Normalization.SSD);

    private final Normalization defaultNormalization;

    ModelFormat(Normalization defaultNormalization) {
        this.defaultNormalization = defaultNormalization;
    }

    /** How models of this family usually want their pixels. */
    public Normalization defaultNormalization() {
        return defaultNormalization;
    }

    /** The format whose layout the signature has, for a label file of {@code classes} names. */
    public static ModelFormat detect(ModelSignature sig, int classes) throws DetectorException {
        for (ModelFormat f : values()) {
            if (f.decoderOrNull(sig, classes) != null) {
                return f;
            }
        }
        throw new DetectorException("unrecognised detector outputs for " + classes + " labels: " + sig
                + " (expected NanoDet cls_8/reg_8..., YOLO [b,n,5+c] or [b,4+c,n], or SSD [b,n,4] + [b,n,c(+1)])");
    }

    OutputDecoder decoder(ModelSignature sig, int classes) throws DetectorException {
        OutputDecoder d = decoderOrNull(sig, classes);
        if (d == null) {
            throw new DetectorException("the model's outputs are not " + this + " for " + classes + " labels: " + sig);
        }
        return d;
    }

    private OutputDecoder decoderOrNull(ModelSignature sig, int classes) {
        return switch (this) {
            case NANODET -> NanoDetDecoder.matches(sig) ? new NanoDetDecoder(sig) : null;
            case YOLO -> YoloDecoder.forSignature(sig, classes);
            case SSD -> SsdDecoder.forSignature(sig, classes);
        };
    }
}
