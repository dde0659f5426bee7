package io.argus.media.path;

/** RTP transport to ask a camera for. */
public enum Transport {
    /** UDP first; TCP-interleaved when UDP is refused or nothing arrives in time. */
    AUTO,
    TCP,
    UDP
}
