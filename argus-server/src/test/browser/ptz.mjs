// ONVIF in the UI (started by PtzBrowserTest): the admin page discovers a simulated ONVIF device and adds it; its
// camera's view shows the PTZ pad; holding → moves the head, a preset is saved, home, then the preset is gone to.
// The JUnit side checks the simulator's PTZ state; this side returns what the page showed.
import { base, params, newPage, shot, run, sleep, until, login } from './browser.mjs';

await run(async (browser) => {
  const r = {};
  const page = await newPage(browser);
  await login(page);

  // Onboarding in the admin page: discover by address, add with the device's account, read the report.
  await page.goto(base + '/#/admin');
  await page.waitForSelector('argus-onvif-onboard');
  await page.fill('#onvif-address', params.discovery);
  await page.fill('#onvif-username', 'admin');
  await page.fill('#onvif-password', 'admin');
  await page.click('#onvif-discover');
  await until(page, () => document.querySelector('argus-onvif-onboard').dataset.found, null, 15000, 'discovery');
  r.found = await page.evaluate(() => Number(document.querySelector('argus-onvif-onboard').dataset.found));
  await page.selectOption('#onvif-profiles', 'sub');
  await page.click('#onvif-add');
  await until(page, () => document.querySelector('argus-onvif-onboard').dataset.added, null, 30000, 'the report');
  r.added = await page.evaluate(() => Number(document.querySelector('argus-onvif-onboard').dataset.added));
  r.report = await page.textContent('#onvif-report');
  r.screenshots = [await shot(page, 'onvif-01-admin')];
  const ptzCamera = await page.evaluate(async () =>
    (await (await import('/js/api.js')).get('/api/v1/onvif/devices'))[0].cameras[0].id);

  // A camera without PTZ shows no pad.
  await page.goto(base + '/#/camera/' + params.plainCamera);
  await page.waitForSelector('argus-camera-view video');
  await sleep(1000);
  r.plainHasPad = await page.evaluate(() => !document.querySelector('argus-ptz')?.hidden);

  await page.goto(base + '/#/camera/' + ptzCamera);
  await until(page, () => document.querySelector('argus-ptz')?.dataset.ready === 'true', null, 15000, 'the PTZ pad');
  r.screenshots.push(await shot(page, 'ptz-01-pad'));

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
