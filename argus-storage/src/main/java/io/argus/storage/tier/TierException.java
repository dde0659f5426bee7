package io.argus.storage.tier;

import io.argus.storage.chunk.ChunkRecord;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A tier operation that cannot be done as asked; {@link #reason()} tells the caller (the API) which answer. */
public final class TierException extends RuntimeException {
    /** Why the operation was refused. */
    public enum Reason {
        /** An argument breaks a rule ({@link #fields()} may name it). */
        INVALID,
        /** The policy is not there. */
        NOT_FOUND,
        /** Another policy of the tenant has the name. */
        CONFLICT,
        /** Chunks of the range are in an archive storage class and not restored ({@link #fields()}: "chunks"). */
        RESTORE_NEEDED
    }

    private final Reason reason;
    private final Map<String, String> fields;

    private TierException(Reason reason, String message, Map<String, String> fields) {
        super(message);
        this.reason = reason;
        this.fields = Map.copyOf(fields);
    }

    static TierException invalid(String message) {
        return new TierException(Reason.INVALID, message, Map.of());
    }

    static TierException invalid(String message, String field, String problem) {
        return new TierException(Reason.INVALID, message, Map.of(field, problem));
    }

    /** A policy reference (an assignment, a tenant default) that names no policy of the tenant. */
    public static TierException noSuchPolicy(String id) {
        return invalid("no storage policy with id " + id, "policyId", "no such policy");
    }

    static TierException notFound(Object id) {
        return new TierException(Reason.NOT_FOUND, "no storage policy with id " + id, Map.of());
    }

    static TierException conflict(String message) {
        return new TierException(Reason.CONFLICT, message, Map.of());
    }

    /** Names the chunks (their starts, the chunk ids in media URLs) that must be restored first. */
    static TierException restoreNeeded(List<ChunkRecord> chunks) {
        return new TierException(Reason.RESTORE_NEEDED, chunks.size() + " recording(s) in this range are in an"
                + " archive storage class; POST …/restore?from=&to= and try again when they are restored",
                Map.of("chunks", chunks.stream().map(c -> c.start().toString()).collect(Collectors.joining(","))));
    }

    public Reason reason() {
        return reason;
    }

    /** Field (or "chunks") to what is wrong with it. */
    public Map<String, String> fields() {
        return fields;
    }
}
