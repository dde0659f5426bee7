package io.argus.storage.evidence;

/** An evidence package failed a check; the message says which and what was found. */
public final class EvidenceException extends Exception {
    public EvidenceException(String message) {
        super(message);
    }
}
