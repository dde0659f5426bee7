package io.argus.server.transcode;

/**
 * One running transcode as {@code GET /api/v1/transcodes} shows it.
 *
 * @param camera           the camera's id
 * @param rendition        the rendition's canonical name ({@code h264}, {@code 720p}, {@code 360p}, custom ones)
 * @param size             the output size ({@code 640x360}), null before the first picture
 * @param viewers          open viewers (a live.ws socket, or an LL-HLS request in progress)
 * @param fps              pictures encoded per second over the last second
 * @param cpu              cores the job's worker used over the last second (1.0 is one core)
 * @param queued           units waiting for the worker
 * @param skipped          units skipped because the worker fell a queue behind
 * @param latencyP99Micros camera to transcoded picture, 99th percentile in microseconds; -1 before the first
 * @param encoder          the H.264 encoder ({@code libx264}, {@code h264_nvenc}), null before the first picture
 * @param source           what is transcoded: {@code live} (a shared job of the camera's stream), {@code playback}
 *                         (a segment of a recorded range) or {@code export} (a recorded range as an MP4)
 */
public record TranscodeInfo(String camera, String rendition, String size, int viewers, double fps, double cpu,
                            int queued, long skipped, long latencyP99Micros, String encoder, String source) {
}
