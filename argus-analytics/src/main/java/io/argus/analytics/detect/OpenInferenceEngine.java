package io.argus.analytics.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * A model served by a remote inference server over the Open Inference Protocol (KServe v2, what Triton, KServe and
 * OpenVINO Model Server speak), HTTP/JSON: the metadata from {@code GET /v2/models/{model}} at construction,
 * inferences by {@code POST /v2/models/{model}/infer} with FP32 tensors as JSON arrays. Every request has a timeout,
 * and at most {@code maxInFlight} run at once: beyond, a call fails at once (the caller falls back, see
 * {@link FallbackDetector}) rather than queueing behind a slow server.
 */
public final class OpenInferenceEngine implements InferenceEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param timeout per request, connection included; a GPU pool answers a batch in tens of milliseconds, so a
     *     request that takes seconds is better redone locally
     * @param maxInFlight concurrent requests at most (the pool's share this node may use)
     */
    public record Config(Duration timeout, int maxInFlight) {
        public Config {
            if (timeout.isNegative() || timeout.isZero() || maxInFlight < 1) {
                throw new IllegalArgumentException("timeout > 0, maxInFlight >= 1");
            }
        }
    }

    private final URI base;
    private final String model;
    private final Config config;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final ModelSignature signature;

    /**
     * @param base the server's root, e.g. {@code http://gpu-pool:8000/}
     * @param model the model's name on the server
     * @throws DetectorException when the metadata cannot be had or do not describe an image model
     */
    public OpenInferenceEngine(URI base, String model, Config config) throws DetectorException {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.model = model;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.inFlight = new Semaphore(config.maxInFlight());
        this.signature = readSignature(send(HttpRequest.newBuilder(modelUri("")).GET()));
    }

    private URI modelUri(String suffix) {
        return this.base.resolve("v2/models/" + model + suffix);
    }

    private ModelSignature readSignature(JsonNode meta) throws DetectorException {
        JsonNode inputs = meta.path("inputs");
        if (inputs.size() != 1) {
            throw new DetectorException(name() + ": an image model has one input, the metadata list " + inputs.size());
        }
        Map<String, long[]> outputs = new LinkedHashMap<>();
        for (JsonNode out : meta.path("outputs")) {
            outputs.put(out.path("name").asText(), shape(out.path("shape")));
        }
        try {
            return new ModelSignature(inputs.get(0).path("name").asText(), shape(inputs.get(0).path("shape")),
                    outputs);
        } catch (IllegalArgumentException e) {
            throw new DetectorException(name() + ": " + e.getMessage(), e);
        }
    }

    private static long[] shape(JsonNode node) {
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get(i).asLong();
        }
        return shape;
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public Map<String, Tensor> infer(Tensor input) throws DetectorException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode in = body.putArray("inputs").addObject();
        in.put("name", input.name());
        ArrayNode shape = in.putArray("shape");
        for (long d : input.shape()) {
            shape.add(d);
        }
        in.put("datatype", "FP32");
        ArrayNode data = in.putArray("data");
        for (float v : input.data()) {
            data.add(v);
        }
        ArrayNode wanted = body.putArray("outputs");
        signature.outputs().keySet().forEach(n -> wanted.addObject().put("name", n));
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new DetectorException(name() + ": cannot encode the request: " + e.getMessage(), e);
        }
        JsonNode reply = send(HttpRequest.newBuilder(modelUri("/infer")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        Map<String, Tensor> outputs = new HashMap<>();
        for (JsonNode out : reply.path("outputs")) {
            JsonNode values = out.path("data");
            float[] floats = new float[values.size()];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = (float) values.get(i).asDouble();
            }
            String name = out.path("name").asText();
            try {
                outputs.put(name, new Tensor(name, shape(out.path("shape")), floats));
            } catch (IllegalArgumentException e) {
                throw new DetectorException(name() + ": malformed output " + e.getMessage(), e);
            }
        }
        if (!outputs.keySet().containsAll(signature.outputs().keySet())) {
            throw new DetectorException(name() + ": the reply lacks outputs, got " + outputs.keySet());
        }
        return outputs;
    }

    private JsonNode send(HttpRequest.Builder request) throws DetectorException {
        if (!inFlight.tryAcquire()) {
            throw new DetectorException(name() + ": overloaded, " + config.maxInFlight() + " requests in flight");
        }
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(config.timeout()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new DetectorException(name() + ": HTTP " + response.statusCode() + ": "
                        + body.path("error").asText(""));
            }
            return body;
        } catch (HttpTimeoutException e) {
            throw new DetectorException(name() + ": no answer within " + config.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new DetectorException(name() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectorException(name() + ": interrupted", e);
        } finally {
            inFlight.release();
        }
    }

    @Override
    public String name() {
        return "oip:" + base + model;
    }

    @Override
    public void close() {
        http.close();
    }
}
