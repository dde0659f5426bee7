package io.argus.storage.crypto;

import java.security.GeneralSecurityException;

/**
 * The master key that wraps data keys: a local key ({@link LocalKeyEncryptionKey}, from a file or an environment
 * variable) or a KMS, which would implement this over its wrap and unwrap calls so the master key never enters
 * the process.
 */
public interface KeyEncryptionKey {

    /** A stable name for this key, stored beside every data key it wraps so the right one unwraps it. */
    String id();

    /**
     * Wraps a data key.
     *
     * @param aad bound to the wrapped key: unwrapping with another {@code aad} fails
     */
    byte[] wrap(byte[] dataKey, byte[] aad) throws GeneralSecurityException;

    /**
     * Unwraps a data key.
     *
     * @throws GeneralSecurityException if it was not wrapped by this key with this {@code aad}, or was altered
     */
    byte[] unwrap(byte[] wrapped, byte[] aad) throws GeneralSecurityException;
}
