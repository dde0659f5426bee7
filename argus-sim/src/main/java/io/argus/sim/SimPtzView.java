package io.argus.sim;

import io.argus.onvif.client.PtzVector;
import io.argus.sim.onvif.SimPtz;
import io.argus.sim.ptz.PtzPicture;
import io.argus.sim.ptz.Scene;
import io.argus.sim.samples.SimSample;
import java.time.Instant;
import java.util.Optional;

/**
 * What one simulated ONVIF device's PTZ head makes its two cameras (main and sub stream) show. Until the head is
 * first moved they loop their samples and the snapshot is the sample's still; from then on {@link #poll} draws the
 * view of the scene ({@link Scene}) at the head's position, encodes it once per stream ({@link PtzPicture}) and hands
 * it to the cameras, which switch at their next frame. Polled on one thread (the simulator's PTZ thread).
 *
 * <p>Only H.264 cameras draw views (the encoder, {@link io.argus.sim.ptz.PcmH264}, is H.264's); H.265 ones keep
 * their sample and still whatever the head does.
 */
final class SimPtzView {
    /**
     * Positions are rounded to 1/100 before a view is drawn: a continuous move then draws a new view only when the
     * position moved by a step, and round preset positions (0.5, -0.25, 0.3) are drawn exactly.
     */
    static final int STEPS = 100;

    private final SimPtz ptz;
    private final SimCamera main;
    private final SimSample mainSample;
    private final SimCamera sub;
    private final SimSample subSample;
    private final boolean draws;
    private long seenMoves;
    /** The position shown, null while the cameras loop their samples; written by the poller. */
    private volatile PtzVector shown;

    /** @param draws whether the cameras send H.264 and so can show views */
    SimPtzView(SimPtz ptz, SimCamera main, SimSample mainSample, SimCamera sub, SimSample subSample, boolean draws) {
        this.ptz = ptz;
        this.main = main;
        this.mainSample = mainSample;
        this.sub = sub;
        this.subSample = subSample;
        this.draws = draws;
    }

    /** Draws and sends a new view if the head moved since the last poll. */
    void poll(Instant now) {
        long moves = ptz.moves();
        if (!draws || moves == seenMoves && !ptz.moving()) {
            return;
        }
        seenMoves = moves;
        PtzVector at = round(ptz.position(now));
        if (at.equals(shown)) {
            return;
        }
        shown = at;
        main.show(PtzPicture.of(at, mainSample.width(), mainSample.height()));
        sub.show(PtzPicture.of(at, subSample.width(), subSample.height()));
    }

    /** The JPEG of what profile {@code token} ({@code main} or {@code sub}) shows now. */
    Optional<byte[]> snapshot(String token) {
        SimSample sample = switch (token) {
            case "main" -> mainSample;
            case "sub" -> subSample;
            default -> null;
        };
        if (sample == null) {
            return Optional.empty();
        }
        PtzVector at = shown;
        return Optional.of(at == null ? sample.still() : Scene.view(at, sample.width(), sample.height()).jpeg());
    }

    private static PtzVector round(PtzVector p) {
        return new PtzVector(round(p.pan()), round(p.tilt()), round(p.zoom()));
    }

    private static double round(double v) {
        return Math.round(v * STEPS) / (double) STEPS;
    }
}
