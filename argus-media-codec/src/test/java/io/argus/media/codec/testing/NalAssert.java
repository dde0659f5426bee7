package io.argus.media.codec.testing;

import java.util.Arrays;
import java.util.List;

/** Compares lists of byte arrays and reports the first difference briefly (not megabytes of bytes). */
public final class NalAssert {

    private NalAssert() {
    }

    public static void assertSameBytes(List<byte[]> actual, List<byte[]> expected) {
        int n = Math.min(actual.size(), expected.size());
        for (int i = 0; i < n; i++) {
            if (!Arrays.equals(actual.get(i), expected.get(i))) {
                throw new AssertionError("unit " + i + " differs: " + describe(actual.get(i)) + " vs expected "
                        + describe(expected.get(i)));
            }
        }
        if (actual.size() != expected.size()) {
            throw new AssertionError(actual.size() + " units, expected " + expected.size()
                    + (actual.size() > n ? "; first extra " + describe(actual.get(n))
                    : "; first missing " + describe(expected.get(n))));
        }
    }

    private static String describe(byte[] b) {
        StringBuilder s = new StringBuilder().append(b.length).append(" B [");
        for (int i = 0; i < Math.min(8, b.length); i++) {
            s.append(String.format("%02x", b[i]));
        }
        return s.append(b.length > 8 ? "...]" : "]").toString();
    }
}
