// The PTZ control of the camera view (started by PtzBrowserTest): a camera added from a simulated ONVIF device
// shows the pad; holding → moves the head, a preset is saved, home, then the preset is gone to. The JUnit side
// checks the simulator's PTZ state; this side returns what the page showed.
import { base, user, password, params, newPage, shot, run } from './browser.mjs';

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

async function until(page, fn, arg, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await page.evaluate(fn, arg);
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what + '\n' + page.log.join('\n'));
    await sleep(100);
  }
}

await run(async (browser) => {
  const r = {};
  const page = await newPage(browser);
  await page.goto(base + '/');
  await page.waitForSelector('form.login');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('argus-tile');

  // A camera without PTZ shows no pad.
  await page.goto(base + '/#/camera/' + params.plainCamera);
  await page.waitForSelector('argus-camera-view video');
  await sleep(1000);
  r.plainHasPad = await page.evaluate(() => !document.querySelector('argus-ptz')?.hidden);

  await page.goto(base + '/#/camera/' + params.ptzCamera);
  await until(page, () => document.querySelector('argus-ptz')?.dataset.ready === 'true', null, 15000, 'the PTZ pad');
  r.screenshots = [await shot(page, 'ptz-01-pad')];

  // Hold → for a moment: a continuous move, then a stop on release.
  const right = page.locator('argus-ptz button[data-pan="1"][data-tilt="0"]');
  const box = await right.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await until(page, () => document.querySelector('argus-ptz').dataset.last === '/move', null, 5000, 'the move');
  await sleep(600);
  await page.mouse.up();
  await until(page, () => document.querySelector('argus-ptz').dataset.last === '/stop', null, 5000, 'the stop');

  await page.fill('#ptz-preset-name', 'door');
  await page.click('#ptz-save');
  await until(page, () => document.querySelector('argus-ptz').dataset.presets === 'door', null, 5000, 'the preset');
  r.presets = await page.evaluate(() => document.querySelector('argus-ptz').dataset.presets);
  await page.click('#ptz-home');
  await until(page, () => document.querySelector('argus-ptz').dataset.last === '/home', null, 5000, 'home');
  await page.click('#ptz-goto');
  await until(page, () => document.querySelector('argus-ptz').dataset.last.endsWith('/goto'), null, 5000, 'goto');
  r.screenshots.push(await shot(page, 'ptz-02-preset'));
  r.errors = page.log;
  r.csp = page.csp;
  return r;
});
