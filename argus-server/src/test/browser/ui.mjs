// The operator UI end to end (started by UiBrowserTest): log in, a 4-tile wall playing, a camera dragged into a
// tile, full screen, a 16-tile wall for a minute with its memory measured, a camera's playback from one minute
// ago, a bookmark, a 10-second export, the admin page, logout. A screenshot of every page.
import { base, user, password, params, newPage, shot, outPath, run, sleep, until as untilShown } from './browser.mjs';

/** What the tiles and the camera view say, for a timeout's message. */
const shown = () => [...document.querySelectorAll('.tilemsg:not([hidden]), #camera-message')]
  .map((e) => e.textContent).join(' | ');
const until = (page, fn, arg, timeoutMs, what) => untilShown(page, fn, arg, timeoutMs, what, { shown });

/** Per <video> under `selector`: decoded frames and currentTime. */
const videoState = (selector) => [...document.querySelectorAll(selector)].map((v) => ({
  frames: v.getVideoPlaybackQuality().totalVideoFrames, time: v.currentTime,
  camera: v.closest('argus-tile')?.dataset.camera || null, transport: v.closest('argus-tile')?.dataset.transport,
  firstFrameMs: Number(v.closest('argus-tile')?.dataset.firstFrameMs || NaN),
  buffered: [...Array(v.buffered.length).keys()].reduce((s, i) => s + v.buffered.end(i) - v.buffered.start(i), 0),
}));

async function playing(page, selector, count) {
  const before = await page.evaluate(videoState, selector);
  await sleep(2000);
  const after = await page.evaluate(videoState, selector);
  return after.slice(0, count).map((a, i) => ({ ...a, advanced: a.time - before[i].time }));
}

async function readers(page) {
  return page.evaluate(async () => (await (await import('/js/api.js')).get('/api/v1/node/stats')).readers);
}

async function heap(cdp) {
  const m = await cdp.send('Performance.getMetrics');
  return m.metrics.find((x) => x.name === 'JSHeapUsedSize').value;
}

await run(async (browser) => {
  const r = {};
  const page = await newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  // Login: a wrong password first, in words.
  await page.goto(base + '/');
  await page.waitForSelector('form.login');
  const index = (await page.request.get(base + '/')).headers();
  r.indexCacheControl = index['cache-control'];
  r.indexCsp = index['content-security-policy'];
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', 'not-the-password');
  await page.click('form.login button[type=submit]');
  r.loginError = await (await page.waitForSelector('#login-error:not(:empty)')).textContent();
  r.screenshots = [await shot(page, 'ui-01-login-error')];
  await page.fill('input[name=password]', password);
  const loginAt = Date.now();
  await page.click('form.login button[type=submit]');

  // The 4-tile wall fills itself with the first four cameras and plays.
  await page.waitForSelector('argus-tile');
  await until(page, () => [...document.querySelectorAll('argus-tile video')].filter((v) =>
    v.getVideoPlaybackQuality().totalVideoFrames > 0).length === 4, null, 45000, 'four tiles with frames');
  r.wallStartMs = Date.now() - loginAt;
  r.wall4 = await playing(page, 'argus-tile video', 4);
  r.screenshots.push(await shot(page, 'ui-02-wall-4'));

  // Drag the offline camera into the fourth tile: a red badge; then the fourth camera back.
  await page.locator(`.camitem[data-camera="${params.offline}"]`).dragTo(page.locator('argus-tile').nth(3));
  await until(page, () => document.querySelector('argus-tile:nth-child(4) .badge.down') !== null, null, 10000,
    'a red badge on the offline camera');
  r.offlineBadge = await page.textContent('argus-tile:nth-child(4) .badge');
  r.offlineMessage = await page.textContent('argus-tile:nth-child(4) .tilemsg');
  r.screenshots.push(await shot(page, 'ui-03-wall-offline-tile'));
  await page.locator(`.camitem[data-camera="${params.cameras[3]}"]`).dragTo(page.locator('argus-tile').nth(3));

  // Double-click: full screen (or the whole window where the browser refuses).
  await page.dblclick('argus-tile:nth-child(1)');
  await page.waitForSelector('argus-tile.maximized');
  r.screenshots.push(await shot(page, 'ui-04-tile-fullscreen'));
  await page.dblclick('argus-tile.maximized');

  // 16 tiles for a while: JS heap and buffered video stay bounded, and going back to 4 closes 12 sockets.
  const readers4 = await readers(page);
  await page.keyboard.press('4');
  await page.click('text=Fill');
  // On a starved machine some simulated cameras drop and reconnect: go on after a while with what plays.
  await until(page, () => [...document.querySelectorAll('argus-tile video')].filter((v) =>
    v.getVideoPlaybackQuality().totalVideoFrames > 0).length === 16, null, 60000, 'sixteen tiles with frames')
    .catch(() => null);
  const samples = [];
  const t0 = Date.now();
  while (Date.now() - t0 < params.wallSeconds * 1000) {
    await sleep(5000);
    const s = await page.evaluate(videoState, 'argus-tile video');
    samples.push({ t: Math.round((Date.now() - t0) / 1000), heap: await heap(cdp),
      maxBuffered: Math.max(...s.map((x) => x.buffered)), playing: s.filter((x) => x.frames > 0).length });
  }
  r.wall16 = { samples, end: await playing(page, 'argus-tile video', 16), readers: await readers(page) };
  r.screenshots.push(await shot(page, 'ui-05-wall-16'));
  await page.keyboard.press('2');
  await sleep(1500);
  r.readers = { wall4: readers4, wall16: r.wall16.readers, backTo4: await readers(page) };

  // A camera: open the first tile with Enter, live first.
  await page.click('argus-tile:nth-child(1)');
  await page.keyboard.press('Enter');
  await page.waitForSelector('argus-camera-view video');
  await until(page, () => document.querySelector('argus-camera-view video').getVideoPlaybackQuality()
    .totalVideoFrames > 0, null, 20000, 'live picture in the camera view');
  await until(page, () => document.querySelector('argus-timeline')?.dataset.loaded === 'true', null, 10000,
    'the timeline');
  r.screenshots.push(await shot(page, 'ui-06-camera-live'));
  const [snapshot] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.click('#snapshot')]);
  r.snapshot = { file: outPath('ui-snapshot.jpg'), suggested: snapshot.suggestedFilename() };
  await snapshot.saveAs(r.snapshot.file);

  // Play back from one minute ago, typed into "Play from" (once the camera has been recorded that long).
  await until(page, async (cam) => {
    const api = await import('/js/api.js');
    const now = Date.now();
    const r = await api.get(`/api/v1/cameras/${cam}/recordings?from=${new Date(now - 62000).toISOString()}`
      + `&to=${new Date(now - 58000).toISOString()}`);
    return r.spans.length > 0 && Date.parse(r.spans[0].from) <= now - 62000;
  }, params.cameras[0], 90000, 'a minute of recordings');
  const target = await page.evaluate(() => {
    const d = new Date(Date.now() - 60000);
    d.setMilliseconds(0);
    const p = (n) => String(n).padStart(2, '0');
    document.querySelector('#goto-time').value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T`
      + `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    return d.getTime();
  });
  await page.click('#goto-play');
  const first = await until(page, () => {
    const v = document.querySelector('argus-camera-view video');
    const view = document.querySelector('argus-camera-view');
    return view.dataset.mode === 'playback' && v.getVideoPlaybackQuality().totalVideoFrames > 0 && !v.paused
      && v.currentTime > 0 ? { position: Date.parse(view.dataset.position), time: v.currentTime } : null;
  }, null, 15000, 'playback from one minute ago');
  await sleep(2000);
  r.playback = { target, first, ...(await page.evaluate(() => {
    const v = document.querySelector('argus-camera-view video');
    return { time: v.currentTime, frames: v.getVideoPlaybackQuality().totalVideoFrames,
      position: Date.parse(document.querySelector('argus-camera-view').dataset.position) };
  })) };
  await page.click('button[data-speed="4"]');
  await sleep(1000);
  r.playback.rate = await page.evaluate(() => document.querySelector('argus-camera-view video').playbackRate);
  await page.click('button[data-speed="1"]');

  // A bookmark with a note, shown on the timeline.
  await page.fill('#bookmark-note', 'browser test bookmark');
  await page.click('#bookmark');
  await page.waitForSelector('#toast div');
  r.screenshots.push(await shot(page, 'ui-07-camera-playback'));

  // Export 10 seconds from one minute ago.
  await page.evaluate((t) => {
    const f = (ms) => {
      const d = new Date(ms);
      const p = (n) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:`
        + p(d.getSeconds());
    };
    document.querySelector('#export-from').value = f(t);
    document.querySelector('#export-to').value = f(t + 10000);
  }, target);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.click('#export')]);
  r.export = { file: outPath('ui-export.mp4'), suggested: download.suggestedFilename(), from: target,
    to: target + 10000 };
  await download.saveAs(r.export.file);

  // An error in words: an export of a range with nothing recorded.
  await page.evaluate(() => {
    document.querySelector('#export-from').value = '2001-01-01T00:00:00';
    document.querySelector('#export-to').value = '2001-01-01T00:00:10';
  });
  await page.click('#export');
  r.exportEmptyMessage = await (await page.waitForSelector('#camera-message:not(:empty)')).textContent();
  await page.click('#go-live');

  // Admin: status of every camera, storage, a failed connection test, a camera added after a passing one.
  await page.keyboard.press('a');
  await page.waitForSelector('#camera-table tr[data-camera]');
  await page.waitForSelector('#storage .volume');
  await page.fill('#cam-name', 'added-in-ui');
  await page.fill('#cam-url', 'rtsp://127.0.0.1:1/nothing');
  await page.selectOption('#cam-transport', 'tcp');
  await page.click('#cam-test');
  r.failedTest = await (await page.waitForSelector('#test-result.error')).textContent();
  await page.fill('#cam-url', params.spareUrl);
  await page.click('#cam-test');
  r.passedTest = await (await page.waitForSelector('#test-result.ok-text', { timeout: 20000 })).textContent();
  await page.click('#cam-save');
  await page.waitForSelector('h2:has-text("Edit added-in-ui")', { timeout: 20000 });
  await page.waitForSelector('#camera-table tr[data-name="added-in-ui"]');
  await page.click('button:has-text("New")');
  await page.waitForSelector('h2:has-text("Add a camera")');
  await page.fill('#cam-name', 'added-in-ui');
  await page.fill('#cam-url', params.spareUrl);
  await page.selectOption('#cam-transport', 'tcp');
  await page.click('#cam-save');
  r.duplicateMessage = await (await page.waitForSelector('#test-result.error:has-text("added-in-ui")',
    { timeout: 20000 })).textContent();
  await sleep(2500);
  r.screenshots.push(await shot(page, 'ui-08-admin'));

  await page.click('#logout');
  await page.waitForSelector('form.login');
  r.tokenAfterLogout = await page.evaluate(() => sessionStorage.getItem('argus.token'));
  r.log = page.log;
  r.csp = page.csp;
  return r;
});
