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
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * API tokens. A token is 256 random bits; only its SHA-256 is stored, so a leaked database does not leak
 * usable tokens. A plain hash (no salt, no work factor) suffices because the token is not guessable.
 */
public final class TokenRepository {
    /** 256 bits of entropy: brute force is hopeless even against the stored hashes. */
    static final int TOKEN_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource ds;

    public TokenRepository(DataSource ds) {
        this.ds = ds;
    }

    public IssuedToken issue(UUID tenantId, UUID userId, Instant now, Duration ttl) {
        byte[] raw = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Session s = new Session(tenantId, UUID.randomUUID(), userId, now, now.plus(ttl));
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_tokens (tenant_id, id, user_id, token_hash, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, s.tenantId());
            ps.setObject(2, s.id());
            ps.setObject(3, s.userId());
            ps.setString(4, sha256Hex(token));
            Sql.setInstant(ps, 5, s.createdAt());
            Sql.setInstant(ps, 6, s.expiresAt());
            ps.executeUpdate();
            return new IssuedToken(token, s);
        } catch (SQLException e) {
            throw new MetadataException("issuing token failed", e);
        }
    }

    /** The session of a token that exists and has not expired at {@code now}. */
    public Optional<Session> find(String token, Instant now) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT tenant_id, id, user_id, created_at, expires_at FROM api_tokens"
                        + " WHERE token_hash = ? AND expires_at > ?")) {
            ps.setString(1, sha256Hex(token));
            Sql.setInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class), Sql.getInstant(rs, "created_at"),
                        Sql.getInstant(rs, "expires_at")));
            }
        } catch (SQLException e) {
            throw new MetadataException("reading token failed", e);
        }
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
