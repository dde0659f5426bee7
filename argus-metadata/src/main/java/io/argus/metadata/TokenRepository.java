package io.argus.metadata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * API tokens. A token is 256 random bits; only its SHA-256 is stored, so a leaked database does not leak
 * usable tokens. A plain hash (no salt, no work factor) suffices because the token is not guessable.
 */
public final class TokenRepository {
    /** 256 bits of entropy: brute force is hopeless even against the stored hashes. */
    static final int TOKEN_BYTES = 32;

    private static final String COLUMNS =
            "SELECT tenant_id, id, user_id, created_at, expires_at, kind, name, scopes FROM api_tokens";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource ds;

    public TokenRepository(DataSource ds) {
        this.ds = ds;
    }

    /** A login session token. */
    public IssuedToken issue(UUID tenantId, UUID userId, Instant now, Duration ttl) {
        return issue(new Session(tenantId, UUID.randomUUID(), userId, now, now.plus(ttl), Session.SESSION, null,
                null));
    }

    /**
     * A named API token.
     *
     * @param scopes the actions it is limited to, or null for all of its user's
     */
    public IssuedToken issueApi(UUID tenantId, UUID userId, String name, Set<String> scopes, Instant now,
                                Instant expiresAt) {
        return issue(new Session(tenantId, UUID.randomUUID(), userId, now, expiresAt, Session.API, name,
                scopes == null ? null : new TreeSet<>(scopes)));
    }

    private IssuedToken issue(Session s) {
        byte[] raw = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_tokens (tenant_id, id, user_id, token_hash, created_at, expires_at, kind, name,"
                        + " scopes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, s.tenantId());
            ps.setObject(2, s.id());
            ps.setObject(3, s.userId());
            ps.setString(4, sha256Hex(token));
            Sql.setInstant(ps, 5, s.createdAt());
            Sql.setInstant(ps, 6, s.expiresAt());
            ps.setString(7, s.kind());
            ps.setString(8, s.name());
            ps.setString(9, s.scopes() == null ? null : String.join(",", s.scopes()));
            ps.executeUpdate();
            return new IssuedToken(token, s);
        } catch (SQLException e) {
            throw new MetadataException("issuing token failed", e);
        }
    }

    /** The session of a token that exists and has not expired at {@code now}. */
    public Optional<Session> find(String token, Instant now) {
        return live("token_hash", sha256Hex(token), now);
    }

    /**
     * The session or API token {@code id} if it has not expired at {@code now} nor been revoked (a signed media URL
     * names the token that minted it): one lookup by primary key, as cheap as {@link #find(String, Instant)}.
     */
    public Optional<Session> find(UUID id, Instant now) {
        return live("id", id, now);
    }

    private Optional<Session> live(String column, Object key, Instant now) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                COLUMNS + " WHERE " + column + " = ? AND expires_at > ?")) {
            ps.setObject(1, key);
            Sql.setInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(row(rs));
            }
        } catch (SQLException e) {
            throw new MetadataException("reading token failed", e);
        }
    }

    /** The user's unexpired tokens, sessions and API tokens, newest first. */
    public List<Session> list(UUID tenantId, UUID userId, Instant now) {
        return new Jdbc(ds).list(COLUMNS + " WHERE tenant_id = ? AND user_id = ? AND expires_at > ?"
                + " ORDER BY created_at DESC", TokenRepository::row, tenantId, userId, now);
    }

    /** Revokes (deletes) one of the user's tokens; false if the user has no such token. */
    public boolean revoke(UUID tenantId, UUID userId, UUID id) {
        return new Jdbc(ds).update("DELETE FROM api_tokens WHERE tenant_id = ? AND user_id = ? AND id = ?",
                tenantId, userId, id) == 1;
    }

    /** Revokes every token of the user (after a password change or when it is disabled). */
    public int revokeAll(UUID tenantId, UUID userId) {
        return new Jdbc(ds).update("DELETE FROM api_tokens WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
    }

    private static Session row(ResultSet rs) throws SQLException {
        String scopes = rs.getString("scopes");
        return new Session(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class), Sql.getInstant(rs, "created_at"),
                Sql.getInstant(rs, "expires_at"), rs.getString("kind"), rs.getString("name"),
                scopes == null ? null : scopes.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(scopes.split(","))));
    }

    /** Deletes tokens that expired at or before {@code now} (all tenants: housekeeping); returns how many. */
    public int deleteExpired(Instant now) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM api_tokens WHERE expires_at <= ?")) {
            Sql.setInstant(ps, 1, now);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new MetadataException("deleting expired tokens failed", e);
        }
    }

    static String sha256Hex(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java SE spec", e);
        }
    }
}
