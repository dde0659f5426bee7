package io.argus.analytics.rules;

/** Hit ids for one camera's engine: camera/rule/sequence. */
final class HitIds {
    private final String cameraId;
    private long next = 1;

    HitIds(String cameraId) {
        this.cameraId = cameraId;
    }

    String next(Rule rule) {
        return cameraId + "/" + rule.name() + "/" + next++;
    }
}
