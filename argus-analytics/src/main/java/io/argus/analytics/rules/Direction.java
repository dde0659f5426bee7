package io.argus.analytics.rules;

/** Which way across a {@link Line} counts, as seen standing on its first point facing its second. */
public enum Direction {
    BOTH, LEFT_TO_RIGHT, RIGHT_TO_LEFT;

    boolean admits(Direction crossing) {
        return this == BOTH || this == crossing;
    }
}
