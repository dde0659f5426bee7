package io.argus.metadata;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tenant the current thread works for, which {@link TenantScopedDataSource} hands to PostgreSQL's row-level
 * security on every connection it gives out. A request thread runs in its caller's tenant; system work (start-up
 * loading, retention, housekeeping) runs in {@link #system}; a thread in neither sees no tenant rows at all.
 */
public final class TenantScope {
    /** Every tenant: the value PostgreSQL's policy reads as "no restriction". */
    static final String ALL = "*";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TenantScope() {
    }

    /** Runs {@code work} in {@code tenant}. */
    public static <T> T as(UUID tenant, Supplier<T> work) {
        return in(tenant.toString(), work);
    }

    /** Runs {@code work} for every tenant (system work). */
    public static <T> T system(Supplier<T> work) {
        return in(ALL, work);
    }

    /** Sets the thread's tenant until {@link #clear} (a request's, for its whole life). */
    public static void enter(UUID tenant) {
        CURRENT.set(tenant.toString());
    }

    /** Sets the thread's scope to every tenant until {@link #clear}: a process that is all system work (the CLI). */
    public static void enterSystem() {
        CURRENT.set(ALL);
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** The setting for {@code argus.tenant_id}: a tenant id, {@code *}, or empty for none. */
    static String current() {
        String s = CURRENT.get();
        return s == null ? "" : s;
    }

    private static <T> T in(String value, Supplier<T> work) {
        String before = CURRENT.get();
        CURRENT.set(value);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
