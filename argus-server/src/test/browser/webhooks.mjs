// Webhooks in the admin page (started by WebhooksBrowserTest): the list shows the webhook the test made, its dead
// letters show the failed delivery, a webhook added through the form shows its secret once, and a delete takes two
// clicks. Returns what the page showed.
import { base, params, newPage, shot, run, until, login } from './browser.mjs';

const count = () => document.querySelector('argus-webhooks-admin')?.dataset.count;

await run(async (browser) => {
  const r = {};
  const page = await newPage(browser);
  await login(page, 'argus-wall');

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
