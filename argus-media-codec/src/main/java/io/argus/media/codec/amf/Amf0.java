package io.argus.media.codec.amf;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMF0 values (AMF 0 specification §2) as Java values: number → {@link Double}, boolean → {@link Boolean}, string
 * and long string → {@link String}, object → {@link Map} (insertion order kept), ECMA array → {@link EcmaArray},
 * strict array → {@link List}, date → {@link Instant} (the time zone field is ignored, as the spec asks), null →
 * {@code null} and undefined → {@link #UNDEFINED}. References, typed objects, AMF3 switches and the
 * MovieClip/RecordSet/XML markers are refused: no RTMP encoder in use sends them.
 */
public final class Amf0 {

    /** The undefined value (marker 0x06), distinct from null so that values encode back byte for byte. */
    public static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };

    /** An ECMA array (marker 0x08): an associative array, as onMetaData sends it. */
    public record EcmaArray(Map<String, Object> entries) {
        public EcmaArray {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /**
     * Deepest nesting of objects and arrays: real commands and metadata nest two or three levels; the limit keeps
     * a hostile peer from exhausting the stack.
     */
    public static final int MAX_DEPTH = 16;

    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int NULL = 0x05;
    static final int UNDEFINED_MARKER = 0x06;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;

    private Amf0() {
    }

    /**
     * Decodes every value up to the end of {@code in}. <b>Borrows</b> {@code in}: its reader index moves past what
     * was decoded (to the end when this returns).
     *
     * @throws AmfException if the bytes are not a sequence of AMF0 values
     */
    public static List<Object> decodeAll(ByteBuf in) {
        List<Object> values = new ArrayList<>();
        while (in.isReadable()) {
            values.add(decode(in));
        }
        return values;
    }

    /** Decodes one value. <b>Borrows</b> {@code in}. @throws AmfException if it is not one */
    public static Object decode(ByteBuf in) {
        return decode(in, 0);
    }

    private static Object decode(ByteBuf in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new AmfException("AMF0 nested deeper than " + MAX_DEPTH);
        }
        int marker = u8(in);
        return switch (marker) {
            case NUMBER -> Double.longBitsToDouble(need(in, 8).readLong());
            case BOOLEAN -> u8(in) != 0;
            case STRING -> string(in, need(in, 2).readUnsignedShort());
            case LONG_STRING -> string(in, length(in));
            case OBJECT -> properties(in, depth);
            case NULL -> null;
            case UNDEFINED_MARKER -> UNDEFINED;
            case ECMA_ARRAY -> {
                // The count is a hint that encoders get wrong (ffmpeg writes 0 when it cannot know it): the end
                // marker is what ends the array.
                need(in, 4).skipBytes(4);
                yield new EcmaArray(properties(in, depth));
            }
            case STRICT_ARRAY -> {
                long count = need(in, 4).readUnsignedInt();
                if (count > in.readableBytes()) {
                    throw new AmfException("AMF0 strict array of " + count + " values in " + in.readableBytes()
                            + " bytes");
                }
                List<Object> list = new ArrayList<>((int) count);
                for (long i = 0; i < count; i++) {
                    list.add(decode(in, depth + 1));
                }
                yield list;
            }
            case DATE -> {
                double millis = Double.longBitsToDouble(need(in, 10).readLong());
                in.skipBytes(2);
                if (!Double.isFinite(millis)) {
                    throw new AmfException("AMF0 date is not a finite number");
                }
                yield Instant.ofEpochMilli((long) millis);
            }
            default -> throw new AmfException("unsupported AMF0 marker 0x" + Integer.toHexString(marker));
        };
    }

    private static Map<String, Object> properties(ByteBuf in, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            String key = string(in, need(in, 2).readUnsignedShort());
            if (key.isEmpty() && in.isReadable() && in.getUnsignedByte(in.readerIndex()) == OBJECT_END) {
                in.skipBytes(1);
                return map;
            }
            map.put(key, decode(in, depth + 1));
        }
    }

    private static int u8(ByteBuf in) {
        return need(in, 1).readUnsignedByte();
    }

    private static int length(ByteBuf in) {
        long n = need(in, 4).readUnsignedInt();
        if (n > in.readableBytes()) {
            throw new AmfException("AMF0 long string of " + n + " bytes in " + in.readableBytes());
        }
        return (int) n;
    }

    private static String string(ByteBuf in, int length) {
        String s = need(in, length).toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    private static ByteBuf need(ByteBuf in, int n) {
        if (in.readableBytes() < n) {
            throw new AmfException("AMF0 value truncated: " + n + " bytes needed, " + in.readableBytes() + " left");
        }
        return in;
    }

    /**
     * Encodes values in order. <b>Borrows</b> {@code out}. Integral numbers are written as AMF0 numbers (doubles).
     *
     * @throws IllegalArgumentException for a value AMF0 cannot carry
     */
    public static void encode(ByteBuf out, Object... values) {
        for (Object v : values) {
            encode(out, v, 0);
        }
    }

    private static void encode(ByteBuf out, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("AMF0 nested deeper than " + MAX_DEPTH);
        }
        switch (v) {
            case null -> out.writeByte(NULL);
            case Number n -> out.writeByte(NUMBER).writeLong(Double.doubleToLongBits(n.doubleValue()));
            case Boolean b -> out.writeByte(BOOLEAN).writeByte(b ? 1 : 0);
            case String s -> {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                if (bytes.length > 0xFFFF) {
                    out.writeByte(LONG_STRING).writeInt(bytes.length);
                } else {
                    out.writeByte(STRING).writeShort(bytes.length);
                }
                out.writeBytes(bytes);
            }
            case EcmaArray a -> {
                out.writeByte(ECMA_ARRAY).writeInt(a.entries().size());
                writeProperties(out, a.entries(), depth);
            }
            case Map<?, ?> m -> {
                out.writeByte(OBJECT);
                writeProperties(out, m, depth);
            }
            case List<?> list -> {
                out.writeByte(STRICT_ARRAY).writeInt(list.size());
                for (Object o : list) {
                    encode(out, o, depth + 1);
                }
            }
            case Instant t -> out.writeByte(DATE).writeLong(Double.doubleToLongBits(t.toEpochMilli())).writeShort(0);
            default -> {
                if (v != UNDEFINED) {
                    throw new IllegalArgumentException("AMF0 cannot carry a " + v.getClass().getName());
                }
                out.writeByte(UNDEFINED_MARKER);
            }
        }
    }

    private static void writeProperties(ByteBuf out, Map<?, ?> map, int depth) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            byte[] key = String.valueOf(e.getKey()).getBytes(StandardCharsets.UTF_8);
            if (key.length == 0 || key.length > 0xFFFF) {
                throw new IllegalArgumentException("AMF0 property names are 1 to 65535 bytes: " + e.getKey());
            }
            out.writeShort(key.length).writeBytes(key);
            encode(out, e.getValue(), depth + 1);
        }
        out.writeShort(0).writeByte(OBJECT_END);
    }
}
