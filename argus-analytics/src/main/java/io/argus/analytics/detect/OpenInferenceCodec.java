package io.argus.analytics.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The bodies of Open Inference Protocol (KServe v2) infer requests and replies, FP32 only. Tensors travel either as
 * JSON arrays (the protocol's base form, that every server speaks) or, with the binary tensor data extension (Triton's
 * {@code binary_data}), as little-endian bytes after a JSON header whose length the {@value #HEADER_LENGTH} HTTP header
 * gives: a 416x416 frame is 2 MB of bytes instead of about 5 MB of JSON numbers to print and parse.
 */
final class OpenInferenceCodec {
    static final String HEADER_LENGTH = "Inference-Header-Content-Length";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An encoded body and, for the binary form, the length of its JSON header. */
    record Body(byte[] bytes, int headerLength) {
        boolean binary() {
            return headerLength >= 0;
        }
    }

    private OpenInferenceCodec() {
    }

    static Body request(Tensor input, Collection<String> outputs, boolean binary) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode in = tensorHeader(body.putArray("inputs"), input);
        ArrayNode wanted = body.putArray("outputs");
        for (String name : outputs) {
            ObjectNode o = wanted.addObject().put("name", name);
            if (binary) {
                o.putObject("parameters").put("binary_data", true);
            }
        }
        return encode(body, in, input, binary);
    }

    static Body reply(String model, Collection<Tensor> outputs, boolean binary) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("model_name", model);
        ArrayNode list = body.putArray("outputs");
        if (!binary) {
            for (Tensor t : outputs) {
                ArrayNode data = tensorHeader(list, t).putArray("data");
                for (float v : t.data()) {
                    data.add(v);
                }
            }
            return new Body(JSON.writeValueAsBytes(body), -1);
        }
        int size = 0;
        for (Tensor t : outputs) {
            tensorHeader(list, t).putObject("parameters").put("binary_data_size", t.data().length * 4);
            size += t.data().length * 4;
        }
        return binaryBody(body, outputs.toArray(Tensor[]::new), size);
    }

    private static Body encode(ObjectNode body, ObjectNode in, Tensor input, boolean binary) throws IOException {
        if (!binary) {
            ArrayNode data = in.putArray("data");
            for (float v : input.data()) {
                data.add(v);
            }
            return new Body(JSON.writeValueAsBytes(body), -1);
        }
        in.putObject("parameters").put("binary_data_size", input.data().length * 4);
        return binaryBody(body, new Tensor[] {input}, input.data().length * 4);
    }

    private static Body binaryBody(ObjectNode header, Tensor[] tensors, int size) throws IOException {
        byte[] json = JSON.writeValueAsBytes(header);
        ByteBuffer buf = ByteBuffer.allocate(json.length + size).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(json);
        for (Tensor t : tensors) {
            buf.asFloatBuffer().put(t.data());
            buf.position(buf.position() + t.data().length * 4);
        }
        return new Body(buf.array(), json.length);
    }

    private static ObjectNode tensorHeader(ArrayNode list, Tensor t) {
        ObjectNode o = list.addObject().put("name", t.name()).put("datatype", "FP32");
        ArrayNode shape = o.putArray("shape");
        for (long d : t.shape()) {
            shape.add(d);
        }
        return o;
    }

    /** The JSON part of a body: all of it, or the first {@code headerLength} bytes of a binary one. */
    static JsonNode header(Body body) throws IOException {
        return body.binary() ? JSON.readTree(body.bytes(), 0, body.headerLength()) : JSON.readTree(body.bytes());
    }

    /**
     * The tensors of a request's "inputs" or a reply's "outputs", whichever form they came in.
     *
     * @throws IllegalArgumentException when they are malformed
     */
    static Map<String, Tensor> tensors(Body body, String member) throws IOException {
        JsonNode header = header(body);
        Map<String, Tensor> tensors = new HashMap<>();
        int offset = body.binary() ? body.headerLength() : 0;
        for (JsonNode t : header.path(member)) {
            String name = t.path("name").asText();
            if (!t.path("datatype").asText("FP32").equals("FP32")) {
                throw new IllegalArgumentException(name + " is " + t.path("datatype").asText() + ", not FP32");
            }
            long[] shape = shape(t.path("shape"));
            int binarySize = t.path("parameters").path("binary_data_size").asInt(-1);
            float[] values;
            if (binarySize >= 0) {
                if (!body.binary() || offset + binarySize > body.bytes().length || binarySize % 4 != 0) {
                    throw new IllegalArgumentException(name + ": binary data outside the body");
                }
                values = new float[binarySize / 4];
                ByteBuffer.wrap(body.bytes(), offset, binarySize).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                        .get(values);
                offset += binarySize;
            } else {
                JsonNode data = t.path("data");
                values = new float[data.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) data.get(i).asDouble();
                }
            }
            tensors.put(name, new Tensor(name, shape, values));
        }
        return tensors;
    }

    static long[] shape(JsonNode node) {
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get(i).asLong();
        }
        return shape;
    }
}
