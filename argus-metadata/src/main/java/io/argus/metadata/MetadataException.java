package io.argus.metadata;

import java.io.IOException;
import java.sql.SQLException;

/** A database operation failed for a reason the caller cannot fix (I/O, a broken connection, a bug). */
public class MetadataException extends RuntimeException {
    /** Causes followed at most: chains are a few deep; a longer one is not worth reading. */
    private static final int MAX_CAUSES = 32;
    /** H2's "The database has been closed" and "Database is already closed" (at JVM shutdown). */
    private static final int H2_DATABASE_CLOSED = 90098;
    private static final int H2_CLOSED_AT_SHUTDOWN = 90121;

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code t} failed because the database's disk is full ({@code ENOSPC}, or the account's quota): a
     * change that can succeed once space is freed, not a bug.
     */
    public static boolean diskFull(Throwable t) {
        int n = 0;
        for (Throwable c = t; c != null && n < MAX_CAUSES; c = c.getCause(), n++) {
            String m = c.getMessage();
            if (c instanceof IOException && m != null && (m.contains("No space left on device")
                    || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code t} failed because the database was not there for a moment: closed under the node (it is
     * opened again on the next connection) or a lost connection to PostgreSQL. Trying again may succeed.
     */
    public static boolean unavailable(Throwable t) {
        int n = 0;
        for (Throwable c = t; c != null && n < MAX_CAUSES; c = c.getCause(), n++) {
            if (c instanceof SQLException e && (e.getErrorCode() == H2_DATABASE_CLOSED
                    || e.getErrorCode() == H2_CLOSED_AT_SHUTDOWN
                    || e.getSQLState() != null && e.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
