package io.argus.sim.onvif;

import io.argus.onvif.client.PtzVector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated PTZ head: a position in ONVIF's generic spaces (pan and tilt in [-1, 1], zoom in [0, 1]) that moves at
 * {@link #FULL_SPEED} times the velocity during a continuous move, computed when asked rather than ticked. Presets
 * are kept by token; the home position is the centre, unzoomed, until set.
 */
public final class SimPtz {
    /** Generic-space units per second at velocity 1: a full pan sweep in four seconds, as a fast dome does. */
    static final double FULL_SPEED = 0.5;
    /** ONVIF PTZ §5.4.2: a device may bound its presets; cameras typically keep 128 to 256. */
    static final int MAX_PRESETS = 128;

    /** A preset: its token, name and position. */
    public record Preset(String token, String name, PtzVector position) {
    }

    private PtzVector base = PtzVector.ZERO;
    private PtzVector velocity = PtzVector.ZERO;
    private Instant since = Instant.EPOCH;
    private PtzVector home = PtzVector.ZERO;
    private final Map<String, Preset> presets = new LinkedHashMap<>();
    private int nextPreset = 1;
    /** Move orders so far (continuous, stop, absolute, relative, preset, home): 0 while the head was never moved. */
    private volatile long moves;

    public synchronized PtzVector position(Instant now) {
        if (velocity.equals(PtzVector.ZERO)) {
            return base;
        }
        double s = Duration.between(since, now).toNanos() / 1e9 * FULL_SPEED;
        return clamp(new PtzVector(base.pan() + velocity.pan() * s, base.tilt() + velocity.tilt() * s,
                base.zoom() + velocity.zoom() * s));
    }

    /** How many move orders the head took; 0 while it was never moved (the camera still shows its sample). */
    public long moves() {
        return moves;
    }

    public synchronized boolean moving() {
        return !velocity.equals(PtzVector.ZERO);
    }

    public synchronized void continuousMove(PtzVector v, Instant now) {
        moves++;
        base = position(now);
        velocity = new PtzVector(unit(v.pan()), unit(v.tilt()), unit(v.zoom()));
        since = now;
    }

    public synchronized void stop(Instant now) {
        moves++;
        base = position(now);
        velocity = PtzVector.ZERO;
    }

    public synchronized void absoluteMove(PtzVector p) {
        moves++;
        base = clamp(p);
        velocity = PtzVector.ZERO;
    }

    public synchronized void relativeMove(PtzVector t, Instant now) {
        moves++;
        PtzVector at = position(now);
        base = clamp(new PtzVector(at.pan() + t.pan(), at.tilt() + t.tilt(), at.zoom() + t.zoom()));
        velocity = PtzVector.ZERO;
    }

    public synchronized List<Preset> presets() {
        return new ArrayList<>(presets.values());
    }

    /** Saves the position under a new token (or {@code token}'s, replacing it); empty when full. */
    public synchronized Optional<String> setPreset(String token, String name, Instant now) {
        String t = token == null || token.isBlank() ? "preset" + nextPreset++ : token;
        if (!presets.containsKey(t) && presets.size() >= MAX_PRESETS) {
            return Optional.empty();
        }
        presets.put(t, new Preset(t, name == null || name.isBlank() ? t : name, position(now)));
        return Optional.of(t);
    }

    public synchronized boolean removePreset(String token) {
        return presets.remove(token) != null;
    }

    public synchronized boolean gotoPreset(String token) {
        Preset p = presets.get(token);
        if (p == null) {
            return false;
        }
        absoluteMove(p.position());
        return true;
    }

    public synchronized void gotoHome() {
        absoluteMove(home);
    }

    public synchronized void setHome(Instant now) {
        home = position(now);
    }

    private static PtzVector clamp(PtzVector p) {
        return new PtzVector(unit(p.pan()), unit(p.tilt()), Math.max(0, Math.min(1, p.zoom())));
    }

    private static double unit(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
