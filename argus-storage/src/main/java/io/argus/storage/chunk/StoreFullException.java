package io.argus.storage.chunk;

import java.io.IOException;

/**
 * No volume has room for a new chunk (each is at its maximum size or at its minimum free space). The recorder
 * pauses the camera, raises an alert, and polls {@link VolumeStore#hasRoom()} to resume once retention or an
 * operator has made room.
 */
public class StoreFullException extends IOException {
    public StoreFullException(String message) {
        super(message);
    }
}
