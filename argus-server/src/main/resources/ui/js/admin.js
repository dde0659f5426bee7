// Administration: every camera's status at a glance, add / edit / delete with a connection test before saving,
// recording mode and retention per camera, and storage use per volume.
import * as api from './api.js';
import * as cameras from './cameras.js';
import { h, bytes, stateClass, stateWord, toast } from './util.js';
import './onvif-admin.js';
import './webhooks-admin.js';

const STORAGE_REFRESH_MS = 10000;

class Admin extends HTMLElement {
  connectedCallback() {
    this.style.display = 'contents';
    this.editing = null;
    this.tested = null;
    this.recording = new Map();
    this.summary = h('div.summary');
    this.table = h('table', { id: 'camera-table' });
    this.storage = h('div', { id: 'storage' });
    this.node = h('div.figures');
    this.form = this.buildForm();
    this.replaceChildren(h('div.admin', {},
      h('section', {}, h('div.card', {}, h('h2', {}, 'Cameras'), this.summary, this.table)),
      h('section', {}, h('div.card', {}, this.formTitle, this.form),
        h('div.card', { style: 'margin-top:16px' }, document.createElement('argus-onvif-onboard')),
        h('div.card', { style: 'margin-top:16px' }, document.createElement('argus-webhooks-admin')),
        h('div.card', { style: 'margin-top:16px' }, h('h2', {}, 'Storage'), this.storage, this.node))));
    this.unsubscribe = cameras.subscribe((list, error) => this.renderTable(list, error));
    this.loadStorage();
    this.timer = setInterval(() => this.loadStorage(), STORAGE_REFRESH_MS);
  }

  disconnectedCallback() {
    this.unsubscribe();
    clearInterval(this.timer);
  }

  buildForm() {
    const f = (name, props = {}) => h('input', { name, id: 'cam-' + name, ...props });
    this.formTitle = h('h2', {}, 'Add a camera');
    this.inputs = {
      name: f('name', { placeholder: 'front-door', required: true }),
      url: f('url', { placeholder: 'rtsp://10.0.0.20:554/stream1', required: true, size: 34 }),
      username: f('username', { autocomplete: 'off' }),
      password: f('password', { type: 'password', autocomplete: 'new-password' }),
      transport: h('select', { name: 'transport', id: 'cam-transport' },
        ['auto', 'tcp', 'udp'].map((t) => h('option', { value: t }, t))),
      enabled: f('enabled', { type: 'checkbox', checked: true }),
      mode: h('select', { name: 'mode', id: 'cam-mode' },
        ['continuous', 'events', 'off'].map((t) => h('option', { value: t }, t))),
      retentionDays: f('retentionDays', { type: 'number', min: 1, max: 3650, value: 30 }),
    };
    for (const k of ['url', 'username', 'password', 'transport']) {
      this.inputs[k].addEventListener('input', () => { this.tested = null; this.result.textContent = ''; });
    }
    this.result = h('div', { id: 'test-result' });
    this.saveButton = h('button.primary', { type: 'submit', id: 'cam-save' }, 'Test and save');
    this.deleteButton = h('button.danger', { type: 'button', id: 'cam-delete', hidden: true,
      onclick: () => this.confirmDelete() }, 'Delete');
    this.whipButton = h('button', { type: 'button', id: 'cam-whip', hidden: true,
      title: 'A signed URL that publishes into this camera over WebRTC (WHIP) for an hour, and does nothing else',
      onclick: () => this.copyPublishUrl() }, 'Copy WHIP publish URL');
    const row = (label, input) => [h('label', { htmlFor: input.id }, label), input];
    return h('form.camform', {
      onsubmit: (e) => { e.preventDefault(); this.save(); },
    }, row('Name', this.inputs.name), row('RTSP URL', this.inputs.url), row('User', this.inputs.username),
    row('Password', this.inputs.password), row('Transport', this.inputs.transport),
    row('Enabled', this.inputs.enabled), row('Recording', this.inputs.mode),
    row('Keep (days)', this.inputs.retentionDays),
    h('div.row', {}, h('button', { type: 'button', id: 'cam-test', onclick: () => this.test() }, 'Test connection'),
      this.saveButton, h('button', { type: 'button', onclick: () => this.edit(null) }, 'New'), this.deleteButton,
      this.whipButton),
    h('div.row', {}, this.result));
  }

  renderTable(list, error) {
    const n = (k, v, cls) => h('div', {}, h('div.n' + (cls ? '.' + cls : ''), {}, String(v)), h('div.k', {}, k));
    const live = list.filter((c) => c.status && c.status.state === 'live').length;
    const down = list.filter((c) => c.status && stateClass(c.status.state) === 'down').length;
    const readers = list.reduce((a, c) => a + (c.status ? c.status.readers || 0 : 0), 0);
    this.summary.replaceChildren(n('cameras', list.length), n('live', live), n('down', down),
      n('viewers and recorders', readers), error ? h('div.error', {}, error.message) : '');
    const head = h('tr', {}, ['', 'Name', 'State', 'Video', 'Bitrate', 'Recording', 'Keep', 'Up', 'Problem', '']
      .map((t) => h('th', {}, t)));
    const rows = list.map((c) => {
      const s = c.status || {};
      const rec = this.recording.get(c.id);
      return h('tr' + (this.editing === c.id ? '.sel' : ''), { dataset: { camera: c.id, name: c.name } },
        h('td', {}, h('span.dot.' + stateClass(s.state))),
        h('td', {}, h('a', { href: '#/camera/' + c.id }, c.name)),
        h('td', {}, h('span.badge.' + stateClass(s.state), {}, stateWord(s.state))),
        h('td', {}, s.codec ? `${s.codec} ${s.width}×${s.height} ${(s.fps || 0).toFixed(0)} fps` : '–'),
        h('td', {}, s.bitrateBps ? (s.bitrateBps / 1e6).toFixed(1) + ' Mbit/s' : '–'),
        h('td', {}, rec ? `${rec.mode} · ${rec.status.state}` : '…'),
        h('td', {}, rec ? rec.retentionDays + ' d' : ''),
        h('td', {}, s.uptimeSeconds ? duration(s.uptimeSeconds) : '–'),
        h('td.err', {}, s.lastError || (rec && rec.status.lastError) || s.timestampReason || ''),
        h('td', {}, h('button', { onclick: () => this.edit(c.id) }, 'Edit')));
    });
    this.table.replaceChildren(head, ...rows);
    if (list.some((c) => !this.recording.has(c.id))) this.loadRecordingSettings();
  }

  async loadRecordingSettings() {
    if (this.loadingRec) return;
    this.loadingRec = true;
    try {
      for (const c of cameras.list()) {
        this.recording.set(c.id, await api.get(`/api/v1/cameras/${c.id}/recording`));
      }
    } catch (e) {
      this.result.textContent = e.message;
    } finally {
      this.loadingRec = false;
    }
    this.renderTable(cameras.list(), cameras.error());
  }

  async loadStorage() {
    try {
      const s = await api.get('/api/v1/storage');
      this.storage.replaceChildren(...s.volumes.map((v) => {
        const limit = v.maxBytes === null ? v.usedBytes + Math.max(0, v.freeBytes - v.minFreeBytes) : v.maxBytes;
        const pct = limit > 0 ? Math.min(100, (100 * v.usedBytes) / limit) : 0;
        return h('div.volume', { dataset: { volume: v.volume } }, h('div', {}, h('b', {}, v.volume), ' ', h('span.figures', {}, v.path)),
          h('div.bar', {}, h('div', { style: `width:${pct.toFixed(1)}%` })),
          h('div.figures', {}, `${bytes(v.usedBytes)} used of ${v.maxBytes === null ? 'no set limit' : bytes(v.maxBytes)}`
            + ` · ${bytes(v.freeBytes)} free on disk (keeps ${bytes(v.minFreeBytes)} free)`));
      }));
      const n = await api.get('/api/v1/node/stats');
      this.node.textContent = `Node: ${n.cameras} cameras, ${n.readers} readers, heap ${bytes(n.heapUsedBytes)}, `
        + `direct ${bytes(n.directMemoryBytes)}, GOP cache ${bytes(n.gopCacheBytes)}`;
    } catch (e) {
      this.storage.replaceChildren(h('div.error', {}, e.message));
    }
  }

  edit(id) {
    this.editing = id;
    this.tested = null;
    this.result.textContent = '';
    const c = id ? cameras.byId(id) : null;
    const rec = id ? this.recording.get(id) : null;
    this.formTitle.textContent = c ? 'Edit ' + c.name : 'Add a camera';
    this.saveButton.textContent = c ? 'Test and save' : 'Test and add';
    this.deleteButton.hidden = !c;
    this.whipButton.hidden = !c;
    this.inputs.name.value = c ? c.name : '';
    this.inputs.url.value = c ? c.url : '';
    this.inputs.username.value = c && c.username ? c.username : '';
    this.inputs.password.value = '';
    this.inputs.password.placeholder = c && c.hasPassword ? '(unchanged)' : '';
    this.inputs.transport.value = c ? c.transport : 'auto';
    this.inputs.enabled.checked = c ? c.enabled : true;
    this.inputs.mode.value = rec ? rec.mode : 'continuous';
    this.inputs.retentionDays.value = rec ? rec.retentionDays : 30;
    this.renderTable(cameras.list(), cameras.error());
    this.inputs.name.focus();
  }

  source() {
    const body = { url: this.inputs.url.value.trim(), transport: this.inputs.transport.value };
    if (this.inputs.username.value) body.username = this.inputs.username.value;
    if (this.inputs.password.value) body.password = this.inputs.password.value;
    if (this.editing) body.camera = this.editing;
    return body;
  }

  async test() {
    this.result.className = '';
    this.result.textContent = 'Connecting…';
    try {
      const r = await api.post('/api/v1/cameras/test', this.source());
      this.tested = r.ok ? JSON.stringify(this.source()) : null;
      this.result.className = r.ok ? 'ok-text' : 'error';
      this.result.textContent = r.ok ? `Connected in ${r.elapsedMs} ms: ${r.tracks.join(', ')}` : r.message;
      return r.ok;
    } catch (e) {
      this.result.className = 'error';
      this.result.textContent = e.message;
      return false;
    }
  }

  async save() {
    if (this.inputs.enabled.checked && this.tested !== JSON.stringify(this.source()) && !(await this.test())) {
      this.result.textContent += ' Not saved: fix the connection first (or untick Enabled to save it anyway).';
      return;
    }
    const body = { name: this.inputs.name.value.trim(), url: this.inputs.url.value.trim(),
      transport: this.inputs.transport.value, enabled: this.inputs.enabled.checked,
      username: this.inputs.username.value };
    if (this.inputs.password.value) body.password = this.inputs.password.value;
    try {
      const cam = this.editing ? await api.patch('/api/v1/cameras/' + this.editing, body)
        : await api.post('/api/v1/cameras', body);
      await api.put(`/api/v1/cameras/${cam.id}/recording`, { mode: this.inputs.mode.value,
        retentionDays: Number(this.inputs.retentionDays.value) });
      toast((this.editing ? 'Saved ' : 'Added ') + cam.name);
      this.recording.delete(cam.id);
      await cameras.refresh();
      this.edit(cam.id);
    } catch (e) {
      this.result.className = 'error';
      this.result.textContent = e.message;
    }
  }

  /**
   * Mints the camera's publish URL (manage-cameras; it lasts an hour and ends with this login session) and copies
   * it; where the clipboard is not allowed (plain HTTP off localhost) it is shown to copy by hand.
   */
  async copyPublishUrl() {
    const c = cameras.byId(this.editing);
    if (!c) return;
    try {
      const r = await api.post(`/api/v1/cameras/${c.id}/publish-url`, { expiresInSeconds: 3600 });
      const url = new URL(r.whip, location.href).href;
      this.result.className = '';
      this.result.replaceChildren(`WHIP publish URL for ${c.name}, until ${new Date(r.expiresAt).toLocaleString()}: `,
        h('code', { id: 'cam-whip-url' }, url));
      try {
        await navigator.clipboard.writeText(url);
        toast('Copied the WHIP publish URL of ' + c.name);
      } catch (e) {
        toast('Copy the WHIP publish URL below');
      }
    } catch (e) {
      this.result.className = 'error';
      this.result.textContent = e.message;
    }
  }

  confirmDelete() {
    const c = cameras.byId(this.editing);
    if (!c) return;
    const yes = h('button.danger', { type: 'button', id: 'cam-delete-yes', onclick: async () => {
      try {
        await api.del('/api/v1/cameras/' + c.id);
        toast('Deleted ' + c.name);
        await cameras.refresh();
        this.edit(null);
      } catch (e) {
        this.result.className = 'error';
        this.result.textContent = e.message;
      }
    } }, 'Yes, delete');
    this.result.className = 'error';
    this.result.replaceChildren(`Delete ${c.name}? Live view stops at once. `, yes, ' ',
      h('button', { type: 'button', onclick: () => { this.result.textContent = ''; } }, 'No'));
  }
}

function duration(s) {
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min';
  if (s < 86400) return (s / 3600).toFixed(1) + ' h';
  return (s / 86400).toFixed(1) + ' d';
}

customElements.define('argus-admin', Admin);
