package io.argus.analytics.detect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * A model served by a remote inference server over the Open Inference Protocol (KServe v2, what Triton, KServe and
 * OpenVINO Model Server speak), HTTP: the metadata from {@code GET /v2/models/{model}} at construction, inferences by
 * {@code POST /v2/models/{model}/infer} with FP32 tensors as JSON arrays or, where the server has the binary tensor
 * data extension, as bytes ({@link OpenInferenceCodec}). Every request has a timeout,
 * and at most {@code maxInFlight} run at once: beyond, a call fails at once (the caller falls back, see
 * {@link FallbackDetector}) rather than queueing behind a slow server.
 */
public final class OpenInferenceEngine implements InferenceEngine {
    /**
     * @param timeout per request, connection included; a GPU pool answers a batch in tens of milliseconds, so a
     *     request that takes seconds is better redone locally
     * @param maxInFlight concurrent requests at most (the pool's share this node may use)
     * @param binaryData tensors as bytes (the binary tensor data extension: Triton, and servers that copy it) rather
     *     than JSON arrays (the base protocol, every server)
     */
    public record Config(Duration timeout, int maxInFlight, boolean binaryData) {
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
        try {
            this.signature = readSignature(OpenInferenceCodec.header(send(HttpRequest.newBuilder(modelUri("")).GET())));
        } catch (IOException e) {
            throw new DetectorException(name() + ": malformed metadata: " + e.getMessage(), e);
        }
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
            outputs.put(out.path("name").asText(), OpenInferenceCodec.shape(out.path("shape")));
        }
        try {
            return new ModelSignature(inputs.get(0).path("name").asText(),
                    OpenInferenceCodec.shape(inputs.get(0).path("shape")), outputs);
        } catch (IllegalArgumentException e) {
            throw new DetectorException(name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public Map<String, Tensor> infer(Tensor input) throws DetectorException {
        OpenInferenceCodec.Body request;
        try {
            request = OpenInferenceCodec.request(input, signature.outputs().keySet(), config.binaryData());
        } catch (IOException e) {
            throw new DetectorException(name() + ": cannot encode the request: " + e.getMessage(), e);
        }
        HttpRequest.Builder post = HttpRequest.newBuilder(modelUri("/infer"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.bytes()));
        if (request.binary()) {
            post.header("Content-Type", "application/octet-stream")
                    .header(OpenInferenceCodec.HEADER_LENGTH, String.valueOf(request.headerLength()));
        } else {
            post.header("Content-Type", "application/json");
        }
        Map<String, Tensor> outputs;
        try {
            outputs = OpenInferenceCodec.tensors(send(post), "outputs");
        } catch (IOException | IllegalArgumentException e) {
            throw new DetectorException(name() + ": malformed reply: " + e.getMessage(), e);
        }
        if (!outputs.keySet().containsAll(signature.outputs().keySet())) {
            throw new DetectorException(name() + ": the reply lacks outputs, got " + outputs.keySet());
        }
        return outputs;
    }

    private OpenInferenceCodec.Body send(HttpRequest.Builder request) throws DetectorException {
        if (!inFlight.tryAcquire()) {
            throw new DetectorException(name() + ": overloaded, " + config.maxInFlight() + " requests in flight");
        }
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(config.timeout()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            int headerLength = response.headers().firstValue(OpenInferenceCodec.HEADER_LENGTH).map(Integer::parseInt)
                    .orElse(-1);
            OpenInferenceCodec.Body body = new OpenInferenceCodec.Body(response.body(), headerLength);
            if (response.statusCode() != 200) {
                String error = response.body().length == 0 ? ""
                        : OpenInferenceCodec.header(body).path("error").asText("");
                throw new DetectorException(name() + ": HTTP " + response.statusCode() + ": " + error);
            }
            return body;
        } catch (HttpTimeoutException e) {
            throw new DetectorException(name() + ": no answer within " + config.timeout().toMillis() + " ms", e);
        } catch (IOException | NumberFormatException e) {
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
