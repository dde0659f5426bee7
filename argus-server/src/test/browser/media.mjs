// Part of the default test run (started by MediaBrowserTest): recorded playback over HLS, LL-HLS live and fMP4
// over WebSocket into MSE, each played by the UI's own player modules in Chromium, with what was measured.
import { params, shot, run, modulePage } from './browser.mjs';

async function playback(browser) {
  const page = await modulePage(browser);
  const r = await page.evaluate(async ({ camera, from, to }) => {
    const f = new Date(from);
    const t = new Date(to);
    const urls = await api.mediaUrls(camera, f, t);
    const video = document.createElement('video');
    video.width = 1280; video.height = 720;
    document.body.appendChild(video);
    const p = new players.PlaybackPlayer(video, api.withRange(urls.playback, f, t), f).start();
    let failed = null;
    p.addEventListener('failed', (e) => { failed = e.detail; });
    const deadline = performance.now() + 20000;
    let first = null;
    while (performance.now() < deadline && !failed) {
      await new Promise((res) => setTimeout(res, 50));
      const frames = video.getVideoPlaybackQuality().totalVideoFrames;
      if (first === null && frames > 0 && !video.paused && p.playingDate()) {
        first = { currentTime: video.currentTime, playingDate: p.playingDate().getTime(), frames };
      }
      if (first && video.currentTime - first.currentTime >= 1.5) break;
    }
    return { failed, first, startPosition: p.startPosition, currentTime: video.currentTime,
      frames: video.getVideoPlaybackQuality().totalVideoFrames, playingDate: p.playingDate()?.getTime() ?? null,
      requestedFrom: f.getTime() };
  }, params);
  r.screenshot = await shot(page, 'media-playback');
  r.log = page.log;
  r.csp = page.csp;
  return r;
}

async function liveHls(browser) {
  const page = await modulePage(browser);
  const r = await page.evaluate(async ({ camera }) => {
    const urls = await api.mediaUrls(camera);
    const video = document.createElement('video');
    video.width = 1280; video.height = 720;
    document.body.appendChild(video);
    const p = new players.HlsLivePlayer(video, urls.live).start();
    let failed = null;
    p.addEventListener('failed', (e) => { failed = e.detail; });
    const deadline = performance.now() + 15000;
    while (performance.now() < deadline && !failed && p.firstFrameMs === null) {
      await new Promise((res) => setTimeout(res, 50));
    }
    // Let the player settle on its live sync point (it catches up after the start), then sample twice a second.
    await new Promise((res) => setTimeout(res, 6000));
    const t0 = video.currentTime;
    const hlsLatency = [];
    const pdtLatency = [];
    for (let i = 0; i < 10 && !failed; i++) {
      await new Promise((res) => setTimeout(res, 500));
      if (p.hls.latency) hlsLatency.push(p.hls.latency);
      if (p.hls.playingDate) pdtLatency.push((Date.now() - p.hls.playingDate.getTime()) / 1000);
    }
    return { failed, firstFrameMs: p.firstFrameMs, hlsLatency, pdtLatency, advanced: video.currentTime - t0,
      frames: video.getVideoPlaybackQuality().totalVideoFrames, partTarget: p.hls.latestLevelDetails?.partTarget };
  }, params);
  r.screenshot = await shot(page, 'media-live-hls');
  r.log = page.log;
  r.csp = page.csp;
  return r;
}

async function liveWs(browser) {
  const page = await modulePage(browser);
  const r = await page.evaluate(async ({ camera, tries }) => {
    const firstFrameMs = [];
    const lag = [];
    let failed = null;
    let frames = 0;
    let advanced = 0;
    for (let i = 0; i < tries && !failed; i++) {
      const urls = await api.mediaUrls(camera);
      const video = document.createElement('video');
      video.width = 1280; video.height = 720;
      document.body.replaceChildren(video);
      const p = new players.WsLivePlayer(video, urls.liveWs).start();
      p.addEventListener('failed', (e) => { failed = e.detail; });
      const deadline = performance.now() + 10000;
      while (performance.now() < deadline && !failed && p.firstFrameMs === null) {
        await new Promise((res) => setTimeout(res, 10));
      }
      firstFrameMs.push(p.firstFrameMs);
      if (i === tries - 1) {
        const t0 = video.currentTime;
        for (let k = 0; k < 6; k++) {
          await new Promise((res) => setTimeout(res, 500));
          if (p.lag() !== null) lag.push(p.lag());
        }
        advanced = video.currentTime - t0;
        frames = video.getVideoPlaybackQuality().totalVideoFrames;
        break;
      }
      p.close();
    }
    return { failed, firstFrameMs, lag, advanced, frames };
  }, { tries: 5, ...params });
  r.screenshot = await shot(page, 'media-live-ws');
  r.log = page.log;
  r.csp = page.csp;
  return r;
}

const scenarios = { playback, 'live-hls': liveHls, 'live-ws': liveWs };
await run(async (browser) => {
  const out = {};
  for (const name of (params.scenarios || Object.keys(scenarios))) out[name] = await scenarios[name](browser);
  return out;
});
