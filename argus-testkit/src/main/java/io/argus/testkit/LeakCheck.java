package io.argus.testkit;

import io.netty.util.ReferenceCounted;
import java.util.ArrayList;
import java.util.List;

/**
 * Asserts that reference-counted objects (buffers, access units) were released, naming the ones that were not.
 * A test registers what it creates with {@link #track} and calls {@link #assertAllReleased()} at the end; the
 * static helpers check a given collection at once.
 */
public final class LeakCheck {

    private final List<ReferenceCounted> tracked = new ArrayList<>();

    /** Remembers {@code obj} (not retained) and returns it. */
    public <T extends ReferenceCounted> T track(T obj) {
        tracked.add(obj);
        return obj;
    }

    /** Fails unless every tracked object has {@code refCnt() == 0}. */
    public void assertAllReleased() {
        assertReleased(tracked);
    }

    /** Fails unless every object has {@code refCnt() == 0}. */
    public static void assertReleased(Iterable<? extends ReferenceCounted> objects) {
        StringBuilder leaks = new StringBuilder();
        int i = 0;
        for (ReferenceCounted o : objects) {
            if (o.refCnt() != 0) {
                leaks.append("\n  #").append(i).append(' ').append(o).append(" refCnt=").append(o.refCnt());
            }
            i++;
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("not released:" + leaks);
        }
    }

    /** Fails unless every object has {@code refCnt() == 0}. */
    public static void assertReleased(ReferenceCounted... objects) {
        assertReleased(List.of(objects));
    }
}
