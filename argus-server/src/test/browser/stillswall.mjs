// The last resort on the live wall (started by SnapshotFallbackBrowserTest): an H.265 camera that Chromium cannot
// decode, on a node that cannot transcode it (transcode.maxJobs 0, every rendition answers 503 transcode_full). The
// tile must show the camera's snapshot, refreshed, instead of a black box.
import { newPage, shot, run, sleep, login } from './browser.mjs';

const tiles = () => [...document.querySelectorAll('argus-tile')].filter((t) => t.dataset.camera).map((t) => {
  const img = t.querySelector('img.still');
  return { camera: t.dataset.camera, transport: t.dataset.transport || null, stills: Number(t.dataset.stills || 0),
    imageWidth: img ? img.naturalWidth : 0, message: t.querySelector('.tilemsg:not([hidden])')?.textContent || null,
    frames: t.querySelector('video').getVideoPlaybackQuality().totalVideoFrames };
});

await run(async (browser) => {
  const r = {};
  const page = await newPage(browser);
  r.hevcSupported = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.90"'));
  await login(page);
  const deadline = Date.now() + 60000;
  for (;;) {
    const t = await page.evaluate(tiles);
    // Refreshing: a tile counts once it loaded a second snapshot.
    if (t.length > 0 && t.every((x) => x.stills >= 2 || x.frames > 0)) break;
    if (Date.now() > deadline) {
      r.timedOut = t;
      break;
    }
    await sleep(200);
  }
  r.tiles = await page.evaluate(tiles);
  r.screenshots = [await shot(page, 'stills-wall')];
  r.csp = page.csp;
  return r;
});
