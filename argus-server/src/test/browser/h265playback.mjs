// Recorded video of H.265 cameras in Chromium (started by TranscodePlaybackBrowserTest): Chromium on Linux has no
// HEVC decoder, so the UI's PlaybackPlayer must notice (hls.js reports bufferAddCodecError) and play the range again
// as the node's H.264 transcode (?rendition=h264). Every camera plays at once, each in its own <video>.
import { params, shot, run, modulePage } from './browser.mjs';

await run(async (browser) => {
  const page = await modulePage(browser);
  const r = await page.evaluate(async ({ cameras, from, to }) => {
    const hevcSupported = MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.90"');
    const f = new Date(from);
    const t = new Date(to);
    const played = cameras.map(async (camera) => {
      const urls = await api.mediaUrls(camera, f, t);
      const video = document.createElement('video');
      video.width = 620; video.height = 350;
      document.body.appendChild(video);
      const p = new players.PlaybackPlayer(video, api.withRange(urls.playback, f, t), f).start();
      let failed = null;
      p.addEventListener('failed', (e) => { failed = e.detail; });
      const deadline = performance.now() + 60000;
      let first = null;
      while (performance.now() < deadline && !failed) {
        await new Promise((res) => setTimeout(res, 100));
        const frames = video.getVideoPlaybackQuality().totalVideoFrames;
        if (first === null && frames > 0 && !video.paused) first = { currentTime: video.currentTime, frames };
        if (first && video.currentTime - first.currentTime >= 1.5) break;
      }
      return { camera, failed, rendition: p.rendition, first, currentTime: video.currentTime,
        advanced: first ? video.currentTime - first.currentTime : 0,
        frames: video.getVideoPlaybackQuality().totalVideoFrames };
    });
    return { hevcSupported, players: await Promise.all(played) };
  }, params);
  r.screenshot = await shot(page, 'h265-playback');
  r.csp = page.csp;
  return r;
});
