// Shared by the scenarios: Debian's Chromium through playwright-core, the node under test, and the one JSON line
// ("RESULT {...}") the JUnit side reads back. Screenshots go to ARGUS_OUT.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const base = process.env.ARGUS_URL;
export const user = process.env.ARGUS_USER || 'admin';
export const password = process.env.ARGUS_PASSWORD;
export const params = JSON.parse(process.env.ARGUS_PARAMS || '{}');
const out = process.env.ARGUS_OUT || '.';
mkdirSync(out, { recursive: true });

/** Chromium, with `extraArgs` after the common ones (a scenario's fake camera, for one). */
export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.ARGUS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required', ...extraArgs],
  });
}

/**
 * A page whose console errors and failed requests are kept, so a failing test shows what the browser saw, and whose
 * Content-Security-Policy violations are collected apart (`page.csp`): the UI must work under the node's policy.
 */
export async function newPage(browser, viewport = { width: 1600, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI)));
  const page = await context.newPage();
  page.log = [];
  page.csp = [];
  if (process.env.ARGUS_UI_SRC) {
    // While working on the UI: its scripts and styles from the source tree, so a change needs no server rebuild.
    await page.route(/\/(js|css)\/[^?]*/, (route) => {
      const f = new URL(route.request().url()).pathname;
      route.fulfill({ path: process.env.ARGUS_UI_SRC + f,
        contentType: f.endsWith('.js') ? 'text/javascript' : 'text/css' });
    });
  }
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') page.log.push(m.type() + ': ' + m.text());
    if (/Content Security Policy|CSP violation/.test(m.text())) page.csp.push(m.text());
  });
  page.on('pageerror', (e) => page.log.push('pageerror: ' + e.message));
  return page;
}

export const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

/**
 * Evaluates `fn(arg)` in the page every `everyMs` until it is truthy and returns it; past `timeoutMs` it throws with
 * `what`, what `shown()` (evaluated in the page, optional) says the page shows, and the page's log.
 */
export async function until(page, fn, arg, timeoutMs, what, { everyMs = 100, shown } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await page.evaluate(fn, arg);
    if (v) return v;
    if (Date.now() > deadline) {
      const says = shown ? ' (page says: ' + await page.evaluate(shown) + ')' : '';
      throw new Error('timed out waiting for ' + what + says + '\n' + page.log.join('\n'));
    }
    await sleep(everyMs);
  }
}

/**
 * Logs in through the UI's login form (as the scenario's user unless `name`/`pass` say otherwise) and waits for
 * `landing` (the wall's tiles).
 */
export async function login(page, landing = 'argus-tile', name = user, pass = password) {
  await page.goto(base + '/');
  await page.waitForSelector('form.login');
  await page.fill('input[name=username]', name);
  await page.fill('input[name=password]', pass);
  await page.click('form.login button[type=submit]');
  await page.waitForSelector(landing);
}

/**
 * A blank black page on the node's origin with hls.js and the UI's modules loaded (`window.api`, `window.players`),
 * logged in through api.js: for scenarios that drive the UI's players without the UI around them.
 */
export async function modulePage(browser, viewport = { width: 1280, height: 720 }) {
  const page = await newPage(browser, viewport);
  await page.goto(base + '/api/v1/health');
  await page.evaluate(() => { document.body.innerHTML = ''; document.body.style.background = '#000'; });
  await page.addScriptTag({ url: '/webjars/hls.js/1.4.12/dist/hls.min.js' });
  await page.evaluate(async ([u, p]) => {
    window.api = await import('/js/api.js');
    window.players = await import('/js/players.js');
    await window.api.login(u, p);
  }, [user, password]);
  return page;
}

/**
 * A page on the node's origin (its health answer) and a bearer token for the scenario's user, asked for from the
 * page: for scenarios that call the API themselves (WHIP, WHEP).
 */
export async function tokenPage(browser, viewport) {
  const page = await newPage(browser, viewport);
  await page.goto(base + '/api/v1/health');
  const token = await page.evaluate(async ([username, pass]) => {
    const res = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: pass }) });
    return (await res.json()).token;
  }, [user, password]);
  return { page, token };
}

export async function shot(page, name) {
  const path = join(out, name + '.png');
  await page.screenshot({ path });
  return path;
}

export function outPath(name) {
  return join(out, name);
}

/** Screenshots of every open page, to see what the browser showed when a scenario failed. */
async function failureShots(browser) {
  const paths = [];
  for (const c of browser.contexts()) {
    for (const p of c.pages()) {
      paths.push(await shot(p, 'failure-' + paths.length).catch((e) => String(e)));
    }
  }
  return paths;
}

/** Runs `body(browser)` and prints its result as the last line; any failure is a result too, with the log. */
export async function run(body, extraArgs = []) {
  const browser = await launch(extraArgs);
  let result;
  try {
    result = await body(browser);
  } catch (e) {
    result = { error: String(e && e.stack || e), screenshots: await failureShots(browser) };
  } finally {
    await browser.close().catch(() => {});
  }
  process.stdout.write('RESULT ' + JSON.stringify(result) + '\n');
}
