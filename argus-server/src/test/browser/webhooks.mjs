// Webhooks in the admin page (started by WebhooksBrowserTest): the list shows the webhook the test made, its dead
// letters show the failed delivery, a webhook added through the form shows its secret once, and a delete takes two
// clicks. Returns what the page showed.
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

const count = () => document.querySelector('argus-webhooks-admin')?.dataset.count;

await run(async (browser) => {
  const r = {};
  const page = await newPage(browser);
  await page.goto(base + '/');
  await page.waitForSelector('form.login');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('argus-wall');

  await page.goto(base + '/#/admin');
  await page.waitForSelector('argus-webhooks-admin');
  await until(page, count, null, 15000, 'the webhook list');
  r.listed = Number(await page.evaluate(count));

  await page.click(`#webhook-table tr[data-id="${params.webhook}"] button:not(.danger)`);
  await until(page, () => document.querySelector('#webhook-deadletters').dataset.count, null, 15000, 'dead letters');
  r.deadLetters = Number(await page.evaluate(() => document.querySelector('#webhook-deadletters').dataset.count));
  r.deadLetterText = await page.textContent('#webhook-deadletters');

  await page.fill('#webhook-url', params.url);
  await page.fill('#webhook-types', 'object, rule');
  await page.fill('#webhook-classes', 'person');
  await page.click('#webhook-add');
  await page.waitForSelector('#webhook-new-secret');
  r.secret = await page.textContent('#webhook-new-secret');
  await until(page, () => document.querySelector('argus-webhooks-admin').dataset.count === '2', null, 15000,
    'the added webhook');
  r.screenshots = [await shot(page, 'webhooks-01-admin')];

  const del = `#webhook-table tr[data-id="${params.webhook}"] button.danger`;
  await page.click(del);
  r.afterOneClick = Number(await page.evaluate(count));
  await page.click(del);
  await until(page, () => document.querySelector('argus-webhooks-admin').dataset.count === '1', null, 15000,
    'the deletion');
  r.afterDelete = Number(await page.evaluate(count));
  r.csp = page.log.filter((l) => l.includes('Content Security Policy'));
  return r;
});
