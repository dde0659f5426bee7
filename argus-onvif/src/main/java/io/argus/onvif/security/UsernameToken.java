package io.argus.onvif.security;

import io.argus.onvif.xml.XmlElement;
import io.argus.onvif.xml.XmlText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * WS-Security UsernameToken with PasswordDigest (WSS UsernameToken Profile 1.0 §3.1):
 * {@code Password_Digest = Base64(SHA-1(nonce + created + password))}, where nonce is the raw bytes (sent Base64
 * encoded) and created the UTC timestamp as sent. ONVIF Core §5.12.2 requires devices to accept it.
 */
public final class UsernameToken {
    static final String PASSWORD_DIGEST =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    static final String BASE64 =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    private static final SecureRandom RANDOM = new SecureRandom();

    private UsernameToken() {
    }

    /** Base64 of SHA-1 over nonce, created and password. */
    public static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is in every JDK", e);
        }
    }

    /**
     * The {@code wsse:Security} header for a request sent at {@code created} (the device's time: the caller adds
     * the device's clock offset), with a fresh 16-byte nonce.
     */
    public static String header(String username, String password, Instant created) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String at = created.truncatedTo(ChronoUnit.MILLIS).toString();
        return "<wsse:Security s:mustUnderstand=\"1\"><wsse:UsernameToken><wsse:Username>" + XmlText.escape(username)
                + "</wsse:Username><wsse:Password Type=\"" + PASSWORD_DIGEST + "\">" + digest(nonce, at, password)
                + "</wsse:Password><wsse:Nonce EncodingType=\"" + BASE64 + "\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce><wsu:Created>" + at
                + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }

    /** Why a token was refused, for the device's log; the client only ever sees {@code ter:NotAuthorized}. */
    public enum Check { OK, MISSING, UNKNOWN_USER, BAD_DIGEST, STALE }

    /**
     * Checks the UsernameToken in a request's SOAP header as a device does: the user must exist, the digest match,
     * and Created lie within {@code window} of {@code now} (replays older than that are refused).
     *
     * @param passwords the password of a user name, or empty for an unknown user
     */
    public static Check verify(Optional<XmlElement> soapHeader, Function<String, Optional<String>> passwords,
                               Instant now, Duration window) {
        Optional<XmlElement> token = soapHeader.flatMap(h -> h.at("Security", "UsernameToken"));
        if (token.isEmpty()) {
            return Check.MISSING;
        }
        XmlElement t = token.get();
        String user = t.textAt("Username");
        Optional<String> password = passwords.apply(user);
        if (password.isEmpty()) {
            return Check.UNKNOWN_USER;
        }
        String created = t.textAt("Created");
        byte[] nonce;
        try {
            nonce = Base64.getDecoder().decode(t.textAt("Nonce"));
            Instant at = Instant.parse(created);
            if (Duration.between(at, now).abs().compareTo(window) > 0) {
                return Check.STALE;
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Check.BAD_DIGEST;
        }
        String sent = t.textAt("Password");
        boolean ok = MessageDigest.isEqual(sent.getBytes(StandardCharsets.US_ASCII),
                digest(nonce, created, password.get()).getBytes(StandardCharsets.US_ASCII));
        return ok ? Check.OK : Check.BAD_DIGEST;
    }
}
