package io.argus.server.api;

import io.argus.server.auth.Action;

/**
 * What a route requires of its caller; every route states one when it is registered ({@link Routes}), and
 * {@link Guard} enforces it before the handler runs.
 */
public sealed interface Require {
    /** No credentials (login, health, readiness). */
    Require PUBLIC = new Public();

    /** Any logged-in user, whatever its roles ({@code /me}, its tokens, logout, the camera list it may see). */
    Require AUTHENTICATED = new Authenticated();

    /** The action on the whole tenant (a camera action on every camera, e.g. creating a camera). */
    static Require tenant(Action action) {
        return new Tenant(action);
    }

    /**
     * The action on the camera in path parameter {@code {id}}. A caller that may do nothing with the camera
     * gets 404 (as for a camera that does not exist), one that may see it but not do this gets 403.
     */
    static Require camera(Action action) {
        return new Camera(action);
    }

    /** Any camera action on the camera in path parameter {@code {id}} (reading its settings, minting URLs). */
    static Require cameraVisible() {
        return new Camera(null);
    }

    record Public() implements Require {
    }

    record Authenticated() implements Require {
    }

    record Tenant(Action action) implements Require {
    }

    /** @param action null for any camera action */
    record Camera(Action action) implements Require {
    }
}
