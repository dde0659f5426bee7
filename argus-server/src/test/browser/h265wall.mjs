// H.265 cameras on the live wall (started by TranscodeBrowserTest): Chromium on Linux has no HEVC decoder, so each
// tile must notice (MediaSource.isTypeSupported on the live.ws header) and ask for the camera's H.264 rendition.
import { params, newPage, shot, run, sleep, login } from './browser.mjs';

const tiles = () => [...document.querySelectorAll('argus-tile video')].map((v) => ({
  frames: v.getVideoPlaybackQuality().totalVideoFrames, time: v.currentTime,
  camera: v.closest('argus-tile')?.dataset.camera || null, transport: v.closest('argus-tile')?.dataset.transport,
  message: v.closest('argus-tile')?.querySelector('.tilemsg:not([hidden])')?.textContent || null,
}));

await run(async (browser) => {
  const r = {};
  const page = await newPage(browser);
  r.hevcSupported = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.90"'));
  await login(page);
  const deadline = Date.now() + 90000;
  for (;;) {
    const t = await page.evaluate(tiles);
    if (t.filter((x) => x.frames > 0).length >= params.cameras) break;
    if (Date.now() > deadline) {
      r.timedOut = t;
      break;
    }
    await sleep(200);
  }
  const before = await page.evaluate(tiles);
  await sleep(2000);
  const after = await page.evaluate(tiles);
  r.tiles = after.map((a, i) => ({ ...a, advanced: a.time - before[i].time }));
  r.screenshots = [await shot(page, 'h265-wall')];
  return r;
});
