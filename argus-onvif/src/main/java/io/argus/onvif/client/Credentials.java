package io.argus.onvif.client;

/** A device account. {@link #toString()} never shows the password. */
public record Credentials(String username, String password) {
    public static final Credentials NONE = new Credentials("", "");

    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    public boolean present() {
        return !username.isEmpty();
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
