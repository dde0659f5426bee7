package io.argus.analytics.motion;

import io.argus.analytics.geom.Box;
import java.util.List;

/**
 * What one picture showed.
 *
 * @param area         the moving regions' share of the frame (counted regions only)
 * @param box          the box around every counted region; null without motion
 * @param zones        the zones a counted region touched (empty when the camera has none)
 * @param globalChange the whole picture changed at once (lights, IR switch, the camera moved): the background was
 *                     learned again and it is not motion
 */
public record MotionResult(boolean motion, double area, Box box, List<String> zones, boolean globalChange) {
    public static final MotionResult NONE = new MotionResult(false, 0, null, List.of(), false);
    static final MotionResult GLOBAL = new MotionResult(false, 0, null, List.of(), true);

    public MotionResult {
        zones = List.copyOf(zones);
    }
}
