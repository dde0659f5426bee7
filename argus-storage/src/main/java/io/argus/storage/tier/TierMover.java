package io.argus.storage.tier;

import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ChunkCopy;
import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.Placement;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.chunk.Tier;
import io.argus.storage.s3.S3SegmentStore;
import io.argus.storage.s3.S3StoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves closed chunks between tiers as their cameras' policies say: plans a move per due chunk in the index, then
 * runs each through copy, verify (the copy read back hashes to the index's SHA-256), switch (the row points at the
 * copy, one transaction) and delete (the source). Every step is recorded after it is done and may be redone, so a
 * process killed anywhere resumes on its next pass without losing or duplicating a chunk (see
 * {@link ChunkMove.State}).
 *
 * <p>A target that fails (unreachable, refusing) is skipped for the rest of the pass: its chunks stay where they
 * are, counted in the backlog, and the next pass tries again, so the mover catches up by itself once the target
 * is back.
 *
 * <p>Region pinning: a move is only ever written to the target its camera's policy names, checked when it is
 * planned and again before its copy (a policy changed meanwhile abandons the move), and the target's configured
 * region must be the policy's.
 *
 * <p>Tier conversion: a stage with a {@link TierReencode} gets a re-encoded copy ({@link ChunkConverter}) of a chunk
 * that was never converted, checked like any copy against the converted bytes' hash, which the switch records
 * beside the original's (the original's stays the hash chain's link). A chunk already converted moves as it is. A
 * conversion that fails leaves nothing behind: the chunk moves as recorded, and the failure is counted and
 * reported ({@link MoverStatus#conversions()}).
 *
 * <p>Not thread-safe: one pass at a time ({@link #pass} is synchronized).
 */
public final class TierMover {
    private static final Logger LOG = LoggerFactory.getLogger(TierMover.class);

    /** Chunks planned per camera and tier per pass: a day of one-minute chunks, so a backlog drains in steps. */
    static final int PLAN_BATCH = 1440;

    /** Moves run per pass; the rest wait for the next pass (and show in the backlog meanwhile). */
    static final int RUN_BATCH = 500;

    /** Sees every step finish: tests stop the mover there to prove it resumes. */
    public interface Hook {
        void after(MoveStep step, ChunkMove move) throws IOException;

        Hook NONE = (step, move) -> { };
    }

    private final SegmentStore store;
    private final TierIndex index;
    private final Map<String, S3SegmentStore> targets;
    private final Clock clock;
    private final Hook hook;
    private final ChunkConverter converter;
    private final AtomicLong moved = new AtomicLong();
    private final AtomicLong converted = new AtomicLong();
    private final AtomicLong conversionFailures = new AtomicLong();
    private final AtomicLong convertedIn = new AtomicLong();
    private final AtomicLong convertedOut = new AtomicLong();
    private volatile String lastConversionFailure;
    private volatile MoverStatus status = MoverStatus.INITIAL;

    /**
     * @param store   every tier behind one store ({@link TieredSegmentStore}, or a decorator around one): all bytes
     *                go through it
     * @param targets the object-storage targets by name, for their regions
     */
    public TierMover(SegmentStore store, TierIndex index, Map<String, S3SegmentStore> targets, Clock clock,
                     Hook hook) {
        this(store, index, targets, clock, hook, ChunkConverter.NONE);
    }

    /** @param converter re-encodes chunks for stages with a {@link TierReencode} */
    public TierMover(SegmentStore store, TierIndex index, Map<String, S3SegmentStore> targets, Clock clock,
                     Hook hook, ChunkConverter converter) {
        this.converter = converter;
        this.store = store;
        this.index = index;
        this.targets = Map.copyOf(targets);
        this.clock = clock;
        this.hook = hook;
    }

    public MoverStatus status() {
        return status;
    }

    /** The target's region, or null for an unknown target. */
    String regionOf(String target) {
        S3SegmentStore s = targets.get(target);
        return s == null ? null : s.config().region();
    }

    /** True if the policy allows writing to the placement: the local volumes, or a stage's target in its region. */
    boolean allowed(TierPolicy policy, Placement to) {
        if (to.target().equals(Placement.LOCAL)) {
            return true;
        }
        TierStage stage = to.tier() == Tier.WARM ? policy.warm() : to.tier() == Tier.COLD ? policy.cold() : null;
        return stage != null && stage.target().equals(to.target()) && policy.region().equals(regionOf(to.target()));
    }

    /** Plans what is due, runs pending moves, polls restores; returns the status after it. */
    public synchronized MoverStatus pass() {
        Instant now = clock.instant();
        Set<String> failing = new HashSet<>();
        String lastError = null;
        plan(now);
        for (ChunkMove m : index.moves(RUN_BATCH)) {
            String target = m.to().target();
            String source = sourceTarget(m.from());
            if (failing.contains(target) || failing.contains(source)) {
                continue;
            }
            try {
                run(m);
            } catch (IOException | RuntimeException e) {
                String msg = "moving " + m.from() + " to " + m.to() + " failed: " + e.getMessage();
                LOG.warn("{} (attempt {}; retried next pass)", msg, m.attempts() + 1);
                index.failMove(m, e.toString());
                lastError = msg;
                // A service failure (unreachable, refusing) holds back every move to or from that target for
                // the rest of the pass; anything else (a source that fails its hash, a full disk) only this one.
                if (e instanceof S3StoreException) {
                    failing.add(target);
                    if (source != null) {
                        failing.add(source);
                    }
                }
            }
        }
        Restores.poll(index, targets, clock);
        TierIndex.Backlog backlog = index.backlog();
        MoverStatus prev = status;
        status = new MoverStatus(backlog.chunks(), backlog.bytes(), Set.copyOf(failing),
                lastError != null ? lastError : failing.isEmpty() ? null : prev.lastError(),
                lastError != null ? now : prev.lastErrorAt(), now, moved.get(), new MoverStatus.Conversions(
                        converted.get(), conversionFailures.get(), convertedIn.get(), convertedOut.get(),
                        lastConversionFailure));
        if (status.alert()) {
            LOG.warn("storage tiers: {} chunk(s), {} bytes wait to move; failing targets {}", backlog.chunks(),
                    backlog.bytes(), failing);
        }
        return status;
    }

    private static String sourceTarget(String location) {
        if (!location.startsWith(TieredSegmentStore.REMOTE)) {
            return null;
        }
        int slash = location.indexOf('/');
        return slash < 0 ? null : location.substring(TieredSegmentStore.REMOTE.length(), slash);
    }

    private void plan(Instant now) {
        for (TierIndex.CameraPolicy cp : index.cameraPolicies()) {
            for (Tier tier : List.of(Tier.HOT, Tier.WARM)) {
                TierPolicy.Step step = cp.policy().next(tier);
                if (step == null) {
                    continue;
                }
                if (!allowed(cp.policy(), step.to())) {
                    LOG.warn("policy {} names target {} outside its region {} (or not configured): camera {} is"
                            + " not moved", cp.policy().name(), step.to().target(), cp.policy().region(), cp.camera());
                    continue;
                }
                for (ChunkRecord r : index.due(cp.tenant(), cp.camera(), tier, step.endedBy(now), now, PLAN_BATCH)) {
                    index.planMove(planned(r, step.to(), null));
                }
            }
        }
    }

    static ChunkMove planned(ChunkRecord r, Placement to, Instant hotUntil) {
        return new ChunkMove(r.tenant(), r.camera(), r.start(), r.location(), r.bytes(), r.sha256(), to, hotUntil,
                ChunkMove.State.PLANNED, null, 0, null, null);
    }

    /** Runs one move from its recorded state to the end. */
    void run(ChunkMove move) throws IOException {
        ChunkMove m = move;
        if (m.state() == ChunkMove.State.PLANNED) {
            if (!stillAllowed(m)) {
                LOG.warn("move of {} to {} abandoned: the camera's policy no longer sends it there", m.from(), m.to());
                index.finishMove(m);
                return;
            }
            m = step(copy(m), MoveStep.COPY);
        }
        if (m.state() == ChunkMove.State.COPIED) {
            String landed;
            try (ReadableChunk copy = store.open(m.toLocation())) {
                landed = ChunkCopy.sha256(copy);
            }
            if (!landed.equals(m.copySha256())) {
                store.delete(m.toLocation());
                throw new IOException("the copy at " + m.toLocation() + " hashes to " + landed + ", not "
                        + m.copySha256() + ": deleted, copied again next pass");
            }
            m = step(m.with(ChunkMove.State.VERIFIED, m.toLocation()), MoveStep.VERIFY);
        }
        if (m.state() == ChunkMove.State.VERIFIED) {
            if (!index.switchLocation(m, store.volumeOf(m.toLocation()))) {
                LOG.info("chunk {} was deleted while it moved: its copy {} goes too", m.from(), m.toLocation());
                store.delete(m.toLocation());
                index.finishMove(m);
                return;
            }
            m = m.with(ChunkMove.State.SWITCHED, m.toLocation());
            hook.after(MoveStep.SWITCH, m);
        }
        store.delete(m.from());
        index.finishMove(m);
        moved.incrementAndGet();
        hook.after(MoveStep.DELETE, m);
    }

    /**
     * Writes the copy: the stored object as it is, or a conversion of it if the stage asks for one and the chunk
     * was never converted. Returns the move in state {@link ChunkMove.State#COPIED}.
     */
    private ChunkMove copy(ChunkMove m) throws IOException {
        ChunkKey key = new ChunkKey(m.tenant(), m.camera(), m.start());
        ChunkConversion earlier = index.conversion(m.tenant(), m.from()).orElse(null);
        ChunkMove plain = m.converted(earlier);
        TierReencode how = earlier == null ? reencodeFor(m) : null;
        if (how != null) {
            ChunkMove c = convertAndCopy(m, key, how);
            if (c != null) {
                return c;
            }
        }
        ChunkInfo copy;
        try (ReadableChunk source = store.open(m.from())) {
            copy = store.put(key, m.to(), source);
        }
        if (!copy.sha256().equals(plain.copySha256())) {
            store.delete(copy.location());
            throw new IOException("the source " + m.from() + " does not match its index hash (sha256 "
                    + copy.sha256() + ", index " + plain.copySha256() + "): left where it is for a check");
        }
        return plain.with(ChunkMove.State.COPIED, copy.location());
    }

    /** The converted copy written, or null (counted, logged) when the conversion failed: the caller copies as is. */
    private ChunkMove convertAndCopy(ChunkMove m, ChunkKey key, TierReencode how) throws IOException {
        try (ReadableChunk source = store.open(m.from());
             ChunkConverter.Converted c = converter.convert(source, how)) {
            if (!c.sourceSha256().equals(m.sha256())) {
                throw new IOException("the source " + m.from() + " does not match its index hash (sha256 "
                        + c.sourceSha256() + ", index " + m.sha256() + "): left where it is for a check");
            }
            if (c.conversion().bytes() >= m.bytes()) {
                // Noisy or already lean video can come out larger at the stage's settings: no saving, no point.
                throw new ChunkConverter.ConversionException("the converted copy (" + c.conversion().bytes()
                        + " bytes) is not smaller than the recording (" + m.bytes() + " bytes) at "
                        + how.settings());
            }
            ChunkInfo copy = store.put(key, m.to(), c.chunk());
            if (!copy.sha256().equals(c.conversion().sha256())) {
                store.delete(copy.location());
                throw new IOException("the converted copy of " + m.from() + " changed on its way to "
                        + copy.location() + ": deleted, converted again next pass");
            }
            converted.incrementAndGet();
            convertedIn.addAndGet(m.bytes());
            convertedOut.addAndGet(c.conversion().bytes());
            LOG.info("chunk {} converted to {}: {} -> {} bytes", m.from(), c.conversion().describe(), m.bytes(),
                    c.conversion().bytes());
            return m.converted(c.conversion()).with(ChunkMove.State.COPIED, copy.location());
        } catch (ChunkConverter.ConversionException e) {
            conversionFailures.incrementAndGet();
            lastConversionFailure = "chunk " + m.from() + ": " + e.getMessage();
            LOG.warn("tier conversion of {} ({}) failed: {}; it moves as recorded", m.from(), how.spec(),
                    e.getMessage());
            return null;
        }
    }

    /** The re-encode of the stage the move goes to, if its camera's policy asks for one. */
    private TierReencode reencodeFor(ChunkMove m) {
        if (m.to().tier() == Tier.HOT) {
            return null;
        }
        TierPolicy p = index.policyFor(m.tenant(), m.camera()).orElse(null);
        TierStage stage = p == null ? null : m.to().tier() == Tier.WARM ? p.warm() : p.cold();
        return stage == null ? null : stage.reencode();
    }

    private ChunkMove step(ChunkMove next, MoveStep done) throws IOException {
        index.advance(next);
        hook.after(done, next);
        return next;
    }

    /** A promotion to hot is always allowed; a demotion only to where the camera's policy sends it now. */
    private boolean stillAllowed(ChunkMove m) {
        if (m.to().target().equals(Placement.LOCAL)) {
            return true;
        }
        Optional<TierPolicy> p = index.policyFor(m.tenant(), m.camera());
        return p.isPresent() && allowed(p.get(), m.to());
    }
}
