package io.argus.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start and stop order of the node's parts: {@link #start} runs one step of the composition root and keeps
 * what it returned, if it must be closed; {@link #close} closes those in reverse, so a part is closed only after
 * every part that was given it. A failed step closes what started before it and says which step failed.
 */
final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** A step of the composition root: makes one started part of the node from parts already started. */
    @FunctionalInterface
    interface Step<T> {
        T start() throws Exception;
    }

    private record Started(String name, AutoCloseable part) {
    }

    private final Deque<Started> started = new ArrayDeque<>();

    /**
     * Runs a step; what it returns is closed with the node when it is {@link AutoCloseable}.
     *
     * @param name the part's name for logs and start-up errors ({@code cannot start rtsp: …})
     * @throws StartupException when the step fails, after closing every part started before it
     */
    <T> T start(String name, Step<T> step) {
        T part;
        try {
            part = step.start();
        } catch (Exception e) {
            close();
            throw new StartupException("cannot start " + name + ": " + describe(e), e);
        }
        if (part instanceof AutoCloseable c) {
            started.push(new Started(name, c));
        }
        return part;
    }

    /** Closes every started part, last started first; a part that fails to close is logged and the rest go on. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            Started s = started.pop();
            try {
                s.part().close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", s.name(), e.toString());
            }
        }
    }

    /** The message and, where it adds something, the root cause's. */
    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return t == e || t.getMessage() == null || m.contains(t.getMessage()) ? m : m + " (" + t.getMessage() + ")";
    }
}
