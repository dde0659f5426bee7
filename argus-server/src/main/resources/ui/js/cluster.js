// The cluster, for administrators (view-system, as GET /api/v1/cluster requires): every node with its state,
// cameras of capacity, load, shards and version, then the shard count, the group generation and the scale hint.
// Refreshed every few seconds; a single node lists itself.
import * as api from './api.js';
import { h } from './util.js';

const REFRESH_MS = 3000;
/** ScaleHint.HIGH: past this load a node takes no new shards. */
const HIGH = 0.8;

const STATES = { up: ['live', 'UP'], unreachable: ['down', 'UNREACHABLE'], stopped: ['stopped', 'STOPPED'] };

const HINTS = {
  1: 'Add a node: one is past 80 % of its capacity and the others have no room for its excess.',
  0: 'The nodes are sized right for their cameras.',
  '-1': 'One node fewer would do: the cluster would stay under 50 % of its capacity without its smallest node.',
};

class Cluster extends HTMLElement {
  connectedCallback() {
    this.style.display = 'contents';
    this.summary = h('div.summary', { id: 'cluster-summary' });
    this.hint = h('div', { id: 'cluster-hint' });
    this.error = h('div.error', { id: 'cluster-error' });
    this.table = h('table', { id: 'cluster-nodes' });
    this.replaceChildren(h('div.cluster', {}, h('div.card', {}, h('h2', {}, 'Cluster'), this.error, this.summary,
      this.hint, this.table)));
    this.load();
    this.timer = setInterval(() => this.load(), REFRESH_MS);
  }

  disconnectedCallback() {
    clearInterval(this.timer);
  }

  async load() {
    try {
      this.render(await api.get('/api/v1/cluster'));
      this.error.textContent = '';
    } catch (e) {
      this.error.textContent = e.message;
      this.dataset.error = e.code;
      // Refused: no right to see the cluster, which asking again does not change.
      if (e.status === 403) clearInterval(this.timer);
    }
  }

  render(c) {
    const n = (k, v, id) => h('div', {}, h('div.n', { id }, String(v)), h('div.k', {}, k));
    const up = c.nodes.filter((x) => x.state === 'up').length;
    const cameras = c.nodes.reduce((a, x) => a + x.cameras, 0);
    const capacity = c.nodes.reduce((a, x) => a + x.capacity, 0);
    this.summary.replaceChildren(n('nodes up', `${up} of ${c.nodes.length}`), n('cameras of capacity',
      `${cameras} / ${capacity}`), n('shards', c.shards, 'cluster-shards'),
    n('generation', c.generation, 'cluster-generation'),
    n('scale hint', c.scaleHint > 0 ? '+' + c.scaleHint : c.scaleHint, 'cluster-scale'));
    this.hint.textContent = HINTS[c.scaleHint] || '';
    // The first node is the one serving this page: versions that differ from it are marked (a rolling upgrade).
    const mine = c.nodes.length ? c.nodes[0].version : null;
    const head = h('tr', {}, ['Node', 'URL', 'State', 'Cameras', 'Load', 'Shards', 'Version']
      .map((t) => h('th', {}, t)));
    const rows = c.nodes.map((x, i) => {
      const [cls, word] = STATES[x.state] || ['wait', String(x.state).toUpperCase()];
      const pct = Math.round(100 * x.load);
      return h('tr', { dataset: { node: x.name, state: x.state } },
        h('td', {}, h('b', {}, x.name), i === 0 ? h('span.figures', {}, ' (this node)') : ''),
        // Only web addresses become links: the URL is what a node announced of itself.
        h('td', {}, /^https?:\/\//.test(x.url) ? h('a', { href: x.url, target: '_blank', rel: 'noopener' }, x.url)
          : x.url),
        h('td', {}, h('span.badge.' + cls, {}, word)),
        h('td.num', {}, `${x.cameras} / ${x.capacity}`),
        h('td', { title: `${pct} % of capacity` },
          h('div.bar.load' + (x.load > 1 ? '.over' : x.load > HIGH ? '.high' : ''), {},
            h('div', { style: `width:${Math.min(100, pct)}%` })), h('span.figures', {}, pct + ' %')),
        h('td.num', {}, String(x.shards)),
        h('td' + (x.version !== mine ? '.other' : ''), { title: x.version !== mine ? 'not this node\'s version' : '' },
          x.version || 'unknown'));
    });
    this.table.replaceChildren(head, ...rows);
    this.dataset.nodes = String(c.nodes.length);
  }
}

customElements.define('argus-cluster', Cluster);
