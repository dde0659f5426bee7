package io.argus.analytics.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Open Inference Protocol (KServe v2) HTTP server that forwards to ONNX Runtime: model metadata and infer
 * (JSON tensors, or the binary tensor data extension when the request uses it), nothing else. There is no Triton here; this speaks the same JSON. Tests can make it slow, fail, or hold
 * requests.
 */
final class OpenInferenceTestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String model;
    private final InferenceEngine engine;
    final AtomicInteger infers = new AtomicInteger();
    /** Answers 500 to this many infer requests. */
    final AtomicInteger failNext = new AtomicInteger();
    /** Infer requests wait for it. */
    volatile CountDownLatch hold = new CountDownLatch(0);
    /** Infer requests that arrived (and may be held). */
    final AtomicInteger arrived = new AtomicInteger();

    OpenInferenceTestServer(String model, InferenceEngine engine) throws IOException {
        this.model = model;
        this.engine = engine;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v2/models/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/v2/models/" + model) && ex.getRequestMethod().equals("GET")) {
                reply(ex, 200, metadata());
            } else if (path.equals("/v2/models/" + model + "/infer") && ex.getRequestMethod().equals("POST")) {
                infer(ex);
            } else {
                reply(ex, 404, JSON.createObjectNode().put("error", "unknown model or route " + path));
            }
        }
    }

    private ObjectNode metadata() {
        ModelSignature sig = engine.signature();
        ObjectNode meta = JSON.createObjectNode().put("name", model).put("platform", "onnxruntime_onnx");
        tensor(meta.putArray("inputs"), sig.inputName(), sig.inputShape());
        ArrayNode outputs = meta.putArray("outputs");
        sig.outputs().forEach((n, s) -> tensor(outputs, n, s));
        return meta;
    }

    private static ObjectNode tensor(ArrayNode list, String name, long[] shape) {
        ObjectNode t = list.addObject().put("name", name).put("datatype", "FP32");
        ArrayNode dims = t.putArray("shape");
        for (long d : shape) {
            dims.add(d);
        }
        return t;
    }

    private void infer(HttpExchange ex) throws IOException {
        arrived.incrementAndGet();
        String headerLength = ex.getRequestHeaders().getFirst(OpenInferenceCodec.HEADER_LENGTH);
        OpenInferenceCodec.Body request = new OpenInferenceCodec.Body(ex.getRequestBody().readAllBytes(),
                headerLength == null ? -1 : Integer.parseInt(headerLength));
        try {
            hold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(ex, 500, JSON.createObjectNode().put("error", "model instance crashed"));
            return;
        }
        Map<String, Tensor> outputs;
        try {
            outputs = engine.infer(OpenInferenceCodec.tensors(request, "inputs").values().iterator().next());
        } catch (DetectorException | IllegalArgumentException e) {
            reply(ex, 400, JSON.createObjectNode().put("error", e.getMessage()));
            return;
        }
        infers.incrementAndGet();
        boolean binary = OpenInferenceCodec.header(request).path("outputs").path(0).path("parameters")
                .path("binary_data").asBoolean(false);
        OpenInferenceCodec.Body body = OpenInferenceCodec.reply(model, outputs.values(), binary);
        if (body.binary()) {
            ex.getResponseHeaders().set(OpenInferenceCodec.HEADER_LENGTH, String.valueOf(body.headerLength()));
        }
        ex.getResponseHeaders().set("Content-Type", body.binary() ? "application/octet-stream" : "application/json");
        ex.sendResponseHeaders(200, body.bytes().length);
        ex.getResponseBody().write(body.bytes());
    }

    private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
    }
}
