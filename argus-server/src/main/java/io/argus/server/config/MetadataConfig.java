package io.argus.server.config;

import java.util.Objects;

/**
 * Where the metadata lives: the embedded database in the data directory ({@code url} empty) or a PostgreSQL database
 * (cluster mode). Opened by {@code Database.open} only, for the server and every offline command alike.
 *
 * @param url      empty, or a {@code jdbc:postgresql://host:port/database} URL
 * @param user     PostgreSQL's login role (a non-superuser without BYPASSRLS)
 * @param password its password; never printed
 */
public record MetadataConfig(String url, String user, String password) {
    static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    public MetadataConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.isEmpty() && user.isEmpty()) {
            throw new IllegalArgumentException("metadata.user is empty: PostgreSQL needs a login role");
        }
    }

    /** Whether the metadata is on PostgreSQL. */
    public boolean postgres() {
        return !url.isEmpty();
    }

    /** The key's parser: empty or PostgreSQL; other engines are refused naming only the scheme (URLs carry secrets). */
    static String url(String s) {
        String url = s.trim();
        if (url.isEmpty() || url.startsWith(POSTGRES_PREFIX)) {
            return url;
        }
        int colon = url.indexOf(':', url.indexOf(':') + 1);
        throw new IllegalArgumentException("unsupported JDBC URL (" + (url.startsWith("jdbc:") && colon > 0
                ? url.substring(0, colon) : "not a JDBC URL") + "): empty for the embedded database, or "
                + POSTGRES_PREFIX + "//host:port/database for PostgreSQL");
    }

    @Override
    public String toString() {
        int query = url.indexOf('?');
        return "MetadataConfig[url=" + (query < 0 ? url : url.substring(0, query) + "?…") + ", user=" + user + (password.isEmpty() ? "" : ", password=(set)") + "]";
    }
}
