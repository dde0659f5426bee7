package io.argus.media.codec.testing;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.AccessUnitSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink that keeps every access unit it gets, and releases them all in {@link #release()}, checking they end
 * at refCnt 0.
 */
public final class Collected implements AccessUnitSink {

    public final List<AccessUnit> units = new ArrayList<>();

    @Override
    public void accept(AccessUnit au) {
        units.add(au);
    }

    /** Every unit's bytes, in order, over all access units. */
    public List<byte[]> nals() {
        List<byte[]> out = new ArrayList<>();
        for (AccessUnit au : units) {
            for (int i = 0; i < au.unitCount(); i++) {
                out.add(ByteBufUtil.getBytes(au.unit(i)));
            }
        }
        return out;
    }

    /** The bytes of each unit of one access unit. */
    public static List<byte[]> nals(AccessUnit au) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < au.unitCount(); i++) {
            ByteBuf u = au.unit(i);
            out.add(ByteBufUtil.getBytes(u));
        }
        return out;
    }

    /** Releases every access unit once and fails if any is still referenced afterwards. */
    public void release() {
        for (AccessUnit au : units) {
            au.release();
        }
        for (AccessUnit au : units) {
            if (au.refCnt() != 0) {
                throw new AssertionError("access unit still referenced: " + au);
            }
        }
    }
}
