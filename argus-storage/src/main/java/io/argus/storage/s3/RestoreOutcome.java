package io.argus.storage.s3;

/** What a service answered to a RestoreObject request. */
public enum RestoreOutcome {
    /** Accepted: the object becomes readable when the service's restore finishes (minutes to hours). */
    STARTED,
    /** A restore of the object is already running. */
    IN_PROGRESS,
    /**
     * The service has no archive classes and answers RestoreObject with NotImplemented (s3proxy, some MinIO
     * setups): every object there is readable as it is.
     */
    NOT_IMPLEMENTED
}
