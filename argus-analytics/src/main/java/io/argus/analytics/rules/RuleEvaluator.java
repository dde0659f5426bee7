package io.argus.analytics.rules;

import io.argus.analytics.track.TrackerUpdate;
import java.time.Instant;
import java.util.List;

/** One rule's state on one camera. */
interface RuleEvaluator {
    /**
     * @param armed whether the rule's schedule arms it at the frame's time
     * @param out hits started, ended or completed by this frame
     */
    void update(TrackerUpdate update, boolean armed, List<RuleHit> out);

    /** Ends every open hit at {@code at}. */
    void close(Instant at, List<RuleHit> out);

    /** Objects counted since start: zone entries, or crossings in the rule's direction. */
    long count();
}
