package io.argus.server.api.transcode;

import java.util.List;

/**
 * {@code GET /api/v1/node}: what this node can do with video beyond copying it.
 *
 * @param transcode live transcode capacity
 * @param hardware  video hardware found at start-up
 */
public record NodeResponse(Transcode transcode, Hardware hardware) {

    /**
     * @param maxJobs {@code transcode.maxJobs}
     * @param running transcodes running now
     * @param encoder the H.264 encoder transcodes use ({@code libx264} without a hardware one)
     */
    public record Transcode(int maxJobs, int running, String encoder) {
    }

    /**
     * @param devices  hardware device types that opened ({@code cuda} for NVDEC, {@code vaapi}, {@code qsv})
     * @param encoders hardware H.264 encoders that opened ({@code h264_nvenc})
     */
    public record Hardware(List<String> devices, List<String> encoders) {
    }
}
