/**
 * Authentication as ONVIF devices ask for it: WS-Security UsernameToken with PasswordDigest (OASIS WSS UsernameToken
 * Profile 1.0 §3.1; ONVIF Core §5.12.2), HTTP digest (RFC 7616, RFC 2617's MD5 as cameras implement it; ONVIF Core
 * §5.12.1), and the clock offset that keeps a token's Created time inside a skewed device's window. The JDK and
 * {@code io.argus.onvif.xml} only.
 */
package io.argus.onvif.security;
