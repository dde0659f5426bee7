package io.argus.metadata;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** JDBC conversions shared by the repositories; they behave the same on H2 and PostgreSQL drivers. */
final class Sql {
    /** SQLSTATE for a unique-constraint violation (SQL standard; H2 and PostgreSQL both report it). */
    static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Binds parameters in order; an {@link Instant} as a UTC timestamp, anything else as the driver maps it. */
    static void setAll(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof Instant t) {
                setInstant(ps, i + 1, t);
            } else {
                ps.setObject(i + 1, params[i]);
            }
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
