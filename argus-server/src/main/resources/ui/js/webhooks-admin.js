// Webhooks in the admin page: the tenant's webhooks (URL and filter), add one (the secret it gets is shown once),
// remove one, and read a webhook's dead letters: the deliveries that failed every attempt, with the reason.
import * as api from './api.js';
import { h, stamp, toast } from './util.js';

const list = (v) => v.split(',').map((s) => s.trim()).filter((s) => s);

class WebhooksAdmin extends HTMLElement {
  connectedCallback() {
    this.url = h('input', { id: 'webhook-url', placeholder: 'https://receiver.example/hook', size: 30 });
    this.types = h('input', { id: 'webhook-types', placeholder: 'types: motion,object (empty: all)', size: 24 });
    this.classes = h('input', { id: 'webhook-classes', placeholder: 'classes: person,car (empty: all)', size: 24 });
    this.cameras = h('input', { id: 'webhook-cameras', placeholder: 'camera ids (empty: all)', size: 24 });
    this.secret = h('div', { id: 'webhook-secret' });
    this.table = h('table', { id: 'webhook-table', style: 'width:100%' });
    this.letters = h('div', { id: 'webhook-deadletters' });
    this.replaceChildren(h('h2', {}, 'Webhooks'), this.table,
      h('div.controls', {}, this.url, this.types, this.classes, this.cameras,
        h('button.primary', { id: 'webhook-add', onclick: () => this.add() }, 'Add webhook')),
      this.secret, this.letters);
    this.load();
  }

  async load() {
    try {
      const hooks = await api.get('/api/v1/webhooks');
      this.dataset.count = String(hooks.length);
      // URL and filter in one cell, so the card keeps its width whatever the URL's length.
      if (!hooks.length) {
        this.table.replaceChildren(h('tr', {}, h('td', {}, 'No webhooks: events reach no one outside.')));
        return;
      }
      this.table.replaceChildren(...hooks.map((w) => h('tr', { dataset: { id: w.id } },
        h('td', { style: 'word-break:break-all' }, w.url, h('br'),
          h('small', {}, [w.types.join(',') || 'all types', w.classes.join(',') || 'all classes',
            w.cameras.length ? `${w.cameras.length} camera(s)` : 'all cameras'].join(' · '))),
        // Stacked: the admin column is narrow.
        h('td', {},
          h('div', {}, h('button', { onclick: () => this.showLetters(w) }, 'Dead letters')),
          h('div', {}, h('button.danger', { onclick: (ev) => this.remove(w, ev.target) }, 'Delete'))))));
    } catch (e) {
      this.table.replaceChildren(h('tr', {}, h('td', {}, e.message)));
    }
  }

  async add() {
    const body = { url: this.url.value.trim() };
    if (this.types.value.trim()) body.types = list(this.types.value);
    if (this.classes.value.trim()) body.classes = list(this.classes.value);
    if (this.cameras.value.trim()) body.cameras = list(this.cameras.value);
    try {
      const w = await api.post('/api/v1/webhooks', body);
      this.secret.replaceChildren(h('div', {}, 'Signing secret (shown once, keep it): '),
        h('code', { id: 'webhook-new-secret' }, w.secret));
      this.url.value = '';
      await this.load();
    } catch (e) {
      toast(e.message, true);
    }
  }

  // Two clicks: the first asks, the second deletes (no modal dialog, which would block the page).
  async remove(w, button) {
    if (button.dataset.sure !== 'yes') {
      button.dataset.sure = 'yes';
      button.textContent = 'Sure? Delete';
      return;
    }
    try {
      await api.del(`/api/v1/webhooks/${w.id}`);
      this.letters.replaceChildren();
      await this.load();
    } catch (e) {
      toast(e.message, true);
    }
  }

  async showLetters(w) {
    try {
      const letters = await api.get(`/api/v1/webhooks/${w.id}/deadletters`);
      this.letters.dataset.count = String(letters.length);
      this.letters.replaceChildren(h('h3', {}, `Dead letters of ${w.url}`),
        ...(letters.length ? letters.map((d) => h('div.deadletter', {},
          `${stamp(new Date(d.failedAt))} event ${d.eventId}: ${d.reason} after ${d.attempts} attempt(s)`))
          : ['None: every delivery arrived.']));
    } catch (e) {
      toast(e.message, true);
    }
  }
}

customElements.define('argus-webhooks-admin', WebhooksAdmin);
