// The events panel (#/events): the events of the cameras the user may see, newest first, with thumbnails; filters
// by camera, type, class, zone and time; older events a page at a time (the search's cursor); new events arrive
// live from the event stream when they match the filters. Clicking an event plays its span in the camera view.
import * as api from './api.js';
import * as cameras from './cameras.js';
import * as stream from './event-stream.js';
import { h, stamp, fromLocalInput } from './util.js';

const PAGE = 50;
/** Rows kept in the list: live events push the oldest out beyond this (they stay reachable by search). */
const MAX_ROWS = 1000;
const TYPES = ['motion', 'object', 'rule', 'camera', 'onvif'];

class EventsPanel extends HTMLElement {
  connectedCallback() {
    this.style.display = 'contents';
    this.rows = new Map();
    /** Events a page; a property so that a test can page through a few events. */
    this.pageSize = this.pageSize || PAGE;
    this.filters = {
      camera: h('select', { id: 'ev-camera', onchange: () => this.search() }, h('option', { value: '' }, 'All cameras')),
      type: h('select', { id: 'ev-type', onchange: () => this.search() }, h('option', { value: '' }, 'All types'),
        TYPES.map((t) => h('option', { value: t }, t))),
      class: h('input', { id: 'ev-class', placeholder: 'Class or rule', size: 12, onchange: () => this.search() }),
      zone: h('input', { id: 'ev-zone', placeholder: 'Zone', size: 10, onchange: () => this.search() }),
      from: h('input', { id: 'ev-from', type: 'datetime-local', step: 1, onchange: () => this.search() }),
      to: h('input', { id: 'ev-to', type: 'datetime-local', step: 1, onchange: () => this.search() }),
    };
    this.list = h('div.evlist', { id: 'event-list' });
    this.more = h('button', { id: 'ev-more', hidden: true, onclick: () => this.page() }, 'Older events');
    this.msg = h('span.msg', { id: 'ev-message' });
    this.live = h('span.evlive', { id: 'ev-live' });
    const f = this.filters;
    this.replaceChildren(h('div.events', {},
      h('div.toolbar', {}, f.camera, f.type, f.class, f.zone, h('span.label', {}, 'from'), f.from,
        h('span.label', {}, 'to'), f.to, h('button', { onclick: () => this.clear() }, 'Clear'), h('span.spacer'),
        this.live, this.msg),
      h('div.evscroll', {}, this.list, this.more)));
    this.unsubscribeCameras = cameras.subscribe((list) => this.camerasChanged(list));
    this.unsubscribeState = stream.onState((s) => {
      this.live.textContent = { open: '● live', connecting: 'connecting…', retrying: 'reconnecting…' }[s] || '';
      this.live.className = 'evlive ' + s;
      this.dataset.stream = s;
    });
    this.unsubscribe = stream.subscribe((e) => this.arrived(e));
    this.search();
  }

  disconnectedCallback() {
    this.unsubscribe();
    this.unsubscribeState();
    this.unsubscribeCameras();
  }

  camerasChanged(list) {
    const sel = this.filters.camera;
    const keep = sel.value;
    const have = [...sel.options].slice(1).map((o) => o.value).join();
    if (have === list.map((c) => c.id).join()) return;
    sel.replaceChildren(h('option', { value: '' }, 'All cameras'),
      ...list.map((c) => h('option', { value: c.id }, c.name)));
    sel.value = keep;
  }

  clear() {
    for (const el of Object.values(this.filters)) el.value = '';
    this.search();
  }

  /** The search's query for the filters; null (and a message) when they cannot be searched. */
  query() {
    const f = this.filters;
    const q = new URLSearchParams();
    for (const k of ['camera', 'type', 'class', 'zone']) if (f[k].value.trim()) q.set(k, f[k].value.trim());
    const from = fromLocalInput(f.from.value);
    const to = fromLocalInput(f.to.value);
    if (from && to && to <= from) {
      this.msg.textContent = 'The end of the period must be after its start.';
      return null;
    }
    if (from) q.set('from', from.toISOString());
    if (to) q.set('to', to.toISOString());
    q.set('limit', this.pageSize);
    return q;
  }

  async search() {
    this.msg.textContent = '';
    this.rows.clear();
    this.list.replaceChildren();
    this.next = null;
    this.more.hidden = true;
    this.base = this.query();
    if (!this.base) return;
    this.generation = (this.generation || 0) + 1;
    await this.page();
  }

  /** The next page of the search (the first when there is no cursor yet). */
  async page() {
    const gen = this.generation;
    const q = new URLSearchParams(this.base);
    if (this.next) q.set('cursor', this.next);
    this.more.disabled = true;
    try {
      const r = await api.get('/api/v1/events?' + q);
      if (gen !== this.generation) return;
      for (const e of r.events) this.add(e, false);
      this.next = r.next;
      this.more.hidden = !r.next;
      if (!this.rows.size) this.list.replaceChildren(h('div.hint', {}, 'No events match.'));
    } catch (e) {
      this.msg.textContent = e.message;
    } finally {
      this.more.disabled = false;
      this.dataset.loaded = String(this.rows.size);
    }
  }

  /** A live event: shown (or its row brought up to date, when it ends) if the filters let it through. */
  arrived(e) {
    const row = this.rows.get(e.id);
    if (row) {
      this.fill(row, e);
      return;
    }
    if (!this.base || !matches(e, this.base)) return;
    this.add(e, true);
  }

  add(e, top) {
    if (this.rows.has(e.id)) return;
    if (!this.rows.size) this.list.replaceChildren();
    const row = h('div.evrow', { tabIndex: 0, dataset: { id: e.id, camera: e.cameraId },
      onclick: () => { location.hash = stream.playbackHash(row.event); },
      onkeydown: (k) => { if (k.key === 'Enter') location.hash = stream.playbackHash(row.event); } });
    this.fill(row, e);
    this.rows.set(e.id, row);
    if (top) {
      row.classList.add('new');
      this.list.prepend(row);
      if (this.rows.size > MAX_ROWS) {
        const last = this.list.lastElementChild;
        this.rows.delete(last.dataset.id);
        last.remove();
      }
    } else {
      this.list.append(row);
    }
  }

  fill(row, e) {
    row.event = e;
    const c = cameras.byId(e.cameraId);
    const img = h('img', { alt: '', width: 96, height: 54 });
    stream.thumbnail(e).then((src) => { if (src) img.src = src; });
    const from = new Date(e.from);
    const span = e.to ? `${Math.max(0, Math.round((Date.parse(e.to) - from.getTime()) / 1000))} s` : 'ongoing';
    row.dataset.from = e.from;
    row.dataset.to = e.to || '';
    row.replaceChildren(h('div.thumb', {}, img),
      h('div.evtext', {}, h('div.evwhat', {}, stream.what(e), e.confidence ? ` ${Math.round(e.confidence * 100)} %`
        : ''), h('div.evmeta', {}, `${c ? c.name : 'camera'} · ${stamp(from)} · ${span}${e.zone ? ' · ' + e.zone
        : ''}`)), h('span.badge.' + (e.to ? 'wait' : 'down'), {}, e.type.toUpperCase()));
  }
}

/** Whether a live event passes the search's filters (as the server's stream filter does, plus the period). */
function matches(e, q) {
  const t = Date.parse(e.from);
  return (!q.get('camera') || q.get('camera') === e.cameraId) && (!q.get('type') || q.get('type') === e.type)
    && (!q.get('class') || q.get('class') === e.class) && (!q.get('zone') || q.get('zone') === e.zone)
    && (!q.get('from') || t >= Date.parse(q.get('from'))) && (!q.get('to') || t < Date.parse(q.get('to')));
}

customElements.define('argus-events', EventsPanel);
