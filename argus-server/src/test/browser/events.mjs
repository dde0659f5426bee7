// Events in the UI (started by EventsBrowserTest): the events panel shows a new motion event live with its
// thumbnail, filters it away and back, and pages with the cursor; clicking it opens the camera's playback at the event, whose timeline marks it; the
// live wall shows an alert for the next event; the zone editor draws a zone and a line on the snapshot and saves
// them. A new motion event is made by turning the camera's motion off and on (a fresh motion period starts).
// The JUnit side checks what the server stored; this side returns what the page showed.
import { base, params, newPage, shot, run, until, login } from './browser.mjs';

/** Generous: the machine may be shared by several builds, and motion is sampled every 2 s while quiet. */
const EVENT_MS = 120000;

/** Ends the camera's motion period and starts a new one: the next motion seen is a new event. */
async function newMotion(page, camera) {
  await page.evaluate(async (cam) => {
    const api = await import('/js/api.js');
    await api.put(`/api/v1/cameras/${cam}/analytics`, { motion: false });
    await api.put(`/api/v1/cameras/${cam}/analytics`, { motion: true });
  }, camera);
}

const rowIds = () => [...document.querySelectorAll('#event-list .evrow')].map((e) => e.dataset.id);

await run(async (browser) => {
  const r = { screenshots: [] };
  const camera = params.camera;
  const page = await newPage(browser);
  await login(page);

  // The panel: the search's events, then a new one live.
  await page.click('header.topbar a[href="#/events"]');
  await until(page, () => document.querySelector('argus-events')?.dataset.stream === 'open'
    && document.querySelector('argus-events').dataset.loaded !== undefined, null, 30000, 'the panel and its stream');
  const before = await page.evaluate(rowIds);
  await newMotion(page, camera);
  const fresh = await until(page, ([cam, old]) => [...document.querySelectorAll('#event-list .evrow')]
    .find((e) => e.dataset.camera === cam && !old.includes(e.dataset.id))?.dataset.id, [camera, before], EVENT_MS,
  'a new event in the panel');
  r.liveEvent = fresh;
  r.rowsBefore = before.length;
  r.liveRowIndex = (await page.evaluate(rowIds)).indexOf(fresh);
  r.thumbnail = await until(page, (id) => document.querySelector(`.evrow[data-id="${id}"] img`)?.src
    .slice(0, 22), fresh, 30000, 'the thumbnail');
  r.eventFrom = await page.evaluate((id) => document.querySelector(`.evrow[data-id="${id}"]`).dataset.from, fresh);
  r.screenshots.push(await shot(page, 'events-01-panel'));

  // Filters: a type with no events empties the list; a camera filter keeps the event.
  await page.selectOption('#ev-type', 'onvif');
  await until(page, () => document.querySelector('#event-list .hint'), null, 15000, 'the empty filtered list');
  r.onvifRows = (await page.evaluate(rowIds)).length;
  await page.selectOption('#ev-type', 'motion');
  await page.selectOption('#ev-camera', camera);
  await until(page, (id) => document.querySelector(`.evrow[data-id="${id}"]`), fresh, 15000, 'the filtered event');
  r.filteredTypes = await page.evaluate(() => [...new Set([...document.querySelectorAll('.evrow .badge')]
    .map((b) => b.textContent))]);

  // Paging with the cursor, pages of one event: "Older events" brings more, no event twice. Live events may land on
  // top meanwhile (the simulated camera keeps moving), so the list is counted, not matched to a search. On a slow
  // machine the camera may have only the one event made above: a second one is made first, so there always is an
  // older page to ask for.
  const twoEvents = async (cam) => (await (await import('/js/api.js'))
    .get(`/api/v1/events?camera=${cam}&limit=2`)).events.length >= 2;
  if (!await page.evaluate(twoEvents, camera)) {
    await newMotion(page, camera);
    await until(page, twoEvents, camera, EVENT_MS, 'a second event of the camera');
  }
  await page.evaluate(() => { document.querySelector('argus-events').pageSize = 1; });
  await page.selectOption('#ev-type', '');
  await until(page, () => document.querySelectorAll('#event-list .evrow').length >= 1
    && !document.querySelector('#ev-more').hidden, null, 30000, 'a page of events with older ones');
  r.pagedBefore = (await page.evaluate(rowIds)).length;
  await page.click('#ev-more');
  await until(page, (n) => document.querySelectorAll('#event-list .evrow').length > n, r.pagedBefore, 30000,
    'the next page');
  r.paged = await page.evaluate(rowIds);
  await page.evaluate(() => { document.querySelector('argus-events').pageSize = 50; });
  await page.selectOption('#ev-type', 'motion');
  await until(page, (id) => document.querySelector(`.evrow[data-id="${id}"]`), fresh, 15000, 'the event again');

  // Click: the camera view plays the event's span.
  await page.click(`.evrow[data-id="${fresh}"]`);
  await until(page, () => document.querySelector('argus-camera-view')?.dataset.mode === 'playback', null, 15000,
    'playback of the event');
  r.playback = await page.evaluate(() => ({ hash: location.hash,
    position: document.querySelector('argus-camera-view').dataset.position,
    exportFrom: document.querySelector('#export-from').value }));
  r.timelineEvents = await until(page, (id) => {
    const t = document.querySelector('argus-timeline');
    return t && (t.dataset.events || '').split(',').includes(id) && t.dataset.events;
  }, fresh, 30000, 'the event on the timeline');
  r.screenshots.push(await shot(page, 'events-02-playback'));

  // The wall: an alert for the next event, which opens its playback.
  await page.goto(base + '/#/wall');
  await page.waitForSelector('argus-tile');
  await page.evaluate(() => {
    window.alerts = [];
    new MutationObserver(() => document.querySelectorAll('#toast .alert[data-id]').forEach((a) => {
      if (!window.alerts.some((x) => x.id === a.dataset.id)) window.alerts.push({ ...a.dataset, text: a.textContent });
    })).observe(document.getElementById('toast'), { childList: true });
  });
  // The stream opens with the wall; an event raised before it is not an alert, so wait for it to be listening.
  await until(page, async () => {
    let state;
    (await import('/js/event-stream.js')).onState((s) => { state = s; })();
    return state === 'open';
  }, null, 30000, 'the wall\'s event stream');
  await newMotion(page, camera);
  r.alert = await until(page, (cam) => window.alerts.find((a) => a.camera === cam), camera, EVENT_MS, 'an alert');
  r.screenshots.push(await shot(page, 'events-03-alert'));
  const shown = await page.$(`#toast .alert[data-id="${r.alert.id}"]`);
  if (shown) {
    await shown.click();
    // Clicked at once, the event began seconds ago: the view may show it live rather than recorded.
    await until(page, () => document.querySelector('argus-camera-view')?.dataset.mode, null, 15000,
      'the camera view from the alert');
    r.alertHash = await page.evaluate(() => location.hash);
  }

  // The zone editor: a zone of four corners and a line, on the snapshot, saved.
  await page.goto(base + '/#/camera/' + camera);
  await page.click('#zones-link');
  await until(page, () => document.querySelector('argus-zone-editor')?.dataset.ready === 'true', null, 15000,
    'the zone editor');
  await until(page, () => document.querySelector('.zsnap')?.naturalWidth > 0, null, 30000, 'the snapshot')
    .catch(() => { r.noSnapshot = true; });
  r.snapshotWidth = await page.evaluate(() => document.querySelector('.zsnap').naturalWidth);
  const box = await page.locator('#ze-canvas').boundingBox();
  const at = (x, y) => page.mouse.click(box.x + x * box.width, box.y + y * box.height);
  await page.click('#ze-draw-zone');
  for (const [x, y] of [[0.1, 0.2], [0.6, 0.2], [0.6, 0.8], [0.1, 0.8], [0.1, 0.2]]) await at(x, y);
  await page.fill('input[data-shape="zone-1"]', 'driveway');
  await page.press('input[data-shape="zone-1"]', 'Enter');
  await page.click('#ze-draw-line');
  await at(0.8, 0.1);
  await at(0.8, 0.9);
  await page.selectOption('#ze-rules tr[data-rule="0"] td:nth-child(6) select', 'left_to_right');
  // A rule without a name: the server's words reach the page, nothing is saved.
  await page.fill('#ze-rules tr[data-rule="0"] td:nth-child(1) input', '');
  await page.press('#ze-rules tr[data-rule="0"] td:nth-child(1) input', 'Enter');
  await page.click('#ze-save');
  r.refused = await until(page, () => document.querySelector('#ze-message').textContent, null, 15000, 'the refusal');
  await page.fill('#ze-rules tr[data-rule="0"] td:nth-child(1) input', 'gate-in');
  await page.press('#ze-rules tr[data-rule="0"] td:nth-child(1) input', 'Enter');
  await page.click('#ze-save');
  await until(page, () => document.querySelector('argus-zone-editor').dataset.saved === '1', null, 15000, 'the save');
  r.screenshots.push(await shot(page, 'events-04-zones'));
  // Loaded again from the server: the editor shows what was saved.
  await page.reload();
  await until(page, () => document.querySelector('argus-zone-editor')?.dataset.ready === 'true', null, 15000,
    'the zone editor again');
  r.shapesAfterReload = await page.evaluate(() => [...document.querySelectorAll('#ze-shapes input')]
    .map((i) => i.value));
  r.errors = page.log;
  r.csp = page.csp;
  return r;
});
