package io.argus.analytics.detect;

import java.util.List;

/**
 * Finds objects in frames. Implementations are thread-safe; a call may block for the inference (tens of milliseconds
 * on a CPU), so callers run it off event loops ({@link DetectionBatcher} does).
 */
public interface DetectorBackend extends AutoCloseable {
    /**
     * Detects objects in each frame.
     *
     * @param frames frames from any cameras, borrowed for the duration of the call
     * @return one list per frame, in the frames' order, best first
     * @throws DetectorException when the model could not run (the frames are not analysed)
     */
    List<List<Detection>> detect(List<Frame> frames) throws DetectorException;

    /** A short name for logs and metrics ("onnx:nanodet", "oip:http://gpu-pool:8000/nanodet"). */
    String name();

    @Override
    void close();
}
