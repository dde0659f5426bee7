// The cluster page (started by ClusterBrowserTest): the administrator finds it in the top bar, sees this node listed
// with its state, cameras, load, shards and version, and the page refreshes on its own (a camera added meanwhile
// shows up); a viewer has no such link, and the page, opened by its address, says the server refused it.
import { base, user, password, params, newPage, shot, run, until, login } from './browser.mjs';

async function loginAs(page, name, pass) {
  await login(page, 'argus-wall', name, pass);
  // The top bar asks the user's rights once; after this the Cluster link shows what they allow.
  await page.evaluate(async () => (await import('/js/rights.js')).can('view-system'));
}

const rows = () => [...document.querySelectorAll('#cluster-nodes tr[data-node]')].map((tr) => ({
  name: tr.dataset.node, state: tr.dataset.state, cells: [...tr.cells].map((td) => td.textContent.trim()),
  badge: tr.querySelector('.badge').className, bar: tr.querySelector('.bar > div').style.width,
}));

await run(async (browser) => {
  const r = {};
  const page = await newPage(browser);
  await loginAs(page, user, password);
  r.adminLinkVisible = await page.isVisible('#nav-cluster');
  await page.click('#nav-cluster');
  await until(page, () => document.querySelector('argus-cluster')?.dataset.nodes, null, 15000, 'the nodes');
  r.hash = await page.evaluate(() => location.hash);
  r.nodes = await page.evaluate(rows);
  r.shards = await page.textContent('#cluster-shards');
  r.generation = await page.textContent('#cluster-generation');
  r.scale = await page.textContent('#cluster-scale');
  r.hint = await page.textContent('#cluster-hint');
  r.screenshots = [await shot(page, 'cluster-01-admin')];

  const t0 = Date.now();
  await page.evaluate(async () => (await import('/js/api.js')).post('/api/v1/cameras',
    { name: 'cluster-page-camera', url: 'rtsp://127.0.0.1:9/none', enabled: false }));
  await until(page, (name) => document.querySelector(`#cluster-nodes tr[data-node="${name}"]`)
    ?.cells[3].textContent.startsWith('1 /'), r.nodes[0].name, 15000, 'the page to refresh with the new camera');
  r.refreshMs = Date.now() - t0;
  r.afterRefresh = await page.evaluate(rows);
  r.screenshots.push(await shot(page, 'cluster-02-refreshed'));
  await page.click('#logout');
  await page.waitForSelector('form.login');

  await loginAs(page, params.viewer, params.viewerPassword);
  r.viewerLinkVisible = await page.isVisible('#nav-cluster');
  await page.goto(base + '/#/cluster');
  await until(page, () => document.querySelector('argus-cluster')?.dataset.error, null, 15000, 'the refusal');
  r.viewerError = await page.evaluate(() => document.querySelector('argus-cluster').dataset.error);
  r.viewerMessage = await page.textContent('#cluster-error');
  r.viewerRows = await page.evaluate(() => document.querySelectorAll('#cluster-nodes tr').length);
  r.screenshots.push(await shot(page, 'cluster-03-viewer'));
  r.csp = page.csp;
  r.log = page.log;
  return r;
});
