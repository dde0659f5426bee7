// The live wall: 1/4/9/16 tiles, cameras dragged from the list into tiles, each tile a live player with the
// camera's name, state and fps. The layout and what each tile shows are kept in localStorage.
import * as api from './api.js';
import * as cameras from './cameras.js';
import { LivePlayer } from './players.js';
import { h, stateClass, stateWord } from './util.js';

const LAYOUTS = [1, 4, 9, 16];
const STORE = 'argus.wall';
const DRAG_TYPE = 'application/x-argus-camera';
/** A tile showing snapshots (no video possible) fetches a fresh one this often: a few per minute per camera. */
const STILLS_REFRESH_MS = 2000;

function loadLayout() {
  try {
    const s = JSON.parse(localStorage.getItem(STORE));
    if (s && LAYOUTS.includes(s.layout) && Array.isArray(s.tiles)) return s;
  } catch (e) { /* a damaged entry: start afresh */ }
  return null;
}

/** One tile: a <video>, its player and the overlay. Setting `cameraId` closes the old player and socket first. */
class Tile extends HTMLElement {
  connectedCallback() {
    if (this.video) return;
    this.video = h('video', { muted: true, playsInline: true, autoplay: true });
    this.nameEl = h('span.name');
    this.metaEl = h('span.meta');
    this.badge = h('span.badge');
    this.msg = h('div.tilemsg', { hidden: true });
    this.emptyEl = h('div.empty', {}, 'Drag a camera here');
    this.append(this.video, h('div.overlay', {}, this.nameEl, this.metaEl, h('span.spacer'), this.badge),
      this.msg, this.emptyEl);
    this.player = null;
    this.id_ = this.id_ || null;
    this.addEventListener('dragover', (e) => {
      if (e.dataTransfer.types.includes(DRAG_TYPE)) { e.preventDefault(); this.classList.add('dragover'); }
    });
    this.addEventListener('dragleave', () => this.classList.remove('dragover'));
    this.addEventListener('drop', (e) => {
      e.preventDefault();
      this.classList.remove('dragover');
      const id = e.dataTransfer.getData(DRAG_TYPE);
      if (id) this.dispatchEvent(new CustomEvent('assign', { bubbles: true, detail: id }));
    });
  }

  get cameraId() { return this.id_; }

  set cameraId(id) {
    if (id === this.id_) return;
    this.stop();
    this.id_ = id || null;
    this.dataset.camera = this.id_ || '';
    delete this.dataset.transport;
    this.emptyEl.hidden = !!this.id_;
    this.nameEl.textContent = '';
    this.metaEl.textContent = '';
    this.badge.textContent = '';
    this.badge.className = 'badge';
    if (!this.id_) return;
    const cam = this.id_;
    const p = new LivePlayer(this.video, () => api.mediaUrls(cam));
    this.player = p;
    p.addEventListener('playing', (e) => {
      this.stopStills();
      this.dataset.transport = e.detail.transport;
      this.dataset.firstFrameMs = Math.round(e.detail.firstFrameMs);
      this.msg.hidden = true;
    });
    p.addEventListener('stills', (e) => this.showStills(e.detail));
    p.addEventListener('down', (e) => {
      delete this.dataset.transport;
      this.msg.textContent = 'No picture: ' + e.detail;
      this.msg.hidden = false;
    });
    p.start();
    this.update();
  }

  /** Refreshes name, state badge and fps from the camera list and the decoder. */
  update() {
    if (!this.id_) return;
    const c = cameras.byId(this.id_);
    if (!c) {
      this.nameEl.textContent = 'removed camera';
      this.badge.className = 'badge down';
      this.badge.textContent = 'GONE';
      return;
    }
    const state = c.status ? c.status.state : 'unknown';
    this.nameEl.textContent = c.name;
    this.badge.className = 'badge ' + stateClass(state);
    this.badge.textContent = stateWord(state);
    this.dataset.state = state;
    const fps = this.player ? this.player.fps() : 0;
    const res = c.status && c.status.width ? `${c.status.width}×${c.status.height} ` : '';
    this.metaEl.textContent = `${res}${fps.toFixed(0)} fps${this.dataset.transport ? ' · ' + this.dataset.transport
      : ''}`;
    this.dataset.fps = fps.toFixed(1);
    if (state !== 'live' && c.status && c.status.lastError) {
      this.msg.textContent = c.status.lastError;
      this.msg.hidden = false;
    }
  }

  /**
   * No video can be shown (the browser cannot decode the camera, the node cannot transcode it): the camera's snapshot,
   * refreshed every STILLS_REFRESH_MS, instead of a black box, until the player plays again.
   */
  showStills({ snapshot, reason }) {
    this.stopStills();
    this.dataset.transport = 'snapshot';
    this.msg.textContent = 'Snapshots: ' + reason;
    this.msg.hidden = false;
    this.still = h('img.still', { alt: 'snapshot' });
    this.insertBefore(this.still, this.msg);
    const refresh = () => {
      if (!this.still) return;
      this.still.onload = () => { if (this.still) this.dataset.stills = String(Number(this.dataset.stills || 0) + 1); };
      this.still.src = snapshot + (snapshot.includes('?') ? '&' : '?') + 't=' + Date.now();
    };
    refresh();
    this.stillsTimer = setInterval(refresh, STILLS_REFRESH_MS);
  }

  stopStills() {
    clearInterval(this.stillsTimer);
    if (this.still) this.still.remove();
    this.still = null;
    delete this.dataset.stills;
  }

  stop() {
    this.stopStills();
    if (this.player) this.player.close();
    this.player = null;
  }

  disconnectedCallback() { this.stop(); }
}
customElements.define('argus-tile', Tile);

class Wall extends HTMLElement {
  connectedCallback() {
    const saved = loadLayout();
    this.layout = saved ? saved.layout : 4;
    this.assigned = saved ? saved.tiles : null;
    this.selected = 0;
    this.filter = h('input', { type: 'search', placeholder: 'Filter cameras', oninput: () => this.renderList() });
    this.list = h('div.camlist');
    this.grid = h('div.grid');
    this.layoutButtons = LAYOUTS.map((n, i) => h('button', { title: `${n} tiles (key ${i + 1})`,
      dataset: { layout: n }, onclick: () => this.setLayout(n) }, String(n)));
    const sidebar = h('aside.sidebar', {}, this.filter, this.list,
      h('div.hint', {}, 'Drag a camera onto a tile. Double-click a tile for full screen, Enter to open it. ? for keys.'));
    const toolbar = h('div.toolbar', {}, h('span.label', {}, 'Layout'), ...this.layoutButtons, h('span.spacer'),
      h('button', { onclick: () => this.fillAll(), title: 'put every camera on the wall, in name order' }, 'Fill'),
      h('button', { onclick: () => this.clearAll() }, 'Clear'));
    this.replaceChildren(sidebar, h('div.wallpane', {}, toolbar, this.grid));
    this.style.display = 'contents';
    this.addEventListener('assign', (e) => {
      const i = [...this.grid.children].indexOf(e.target);
      this.assign(i, e.detail);
    });
    this.onKey = (e) => this.key(e);
    document.addEventListener('keydown', this.onKey);
    this.unsubscribe = cameras.subscribe((list) => this.camerasChanged(list));
    this.ticker = setInterval(() => this.tiles().forEach((t) => t.update()), 1000);
    this.build();
  }

  disconnectedCallback() {
    document.removeEventListener('keydown', this.onKey);
    this.unsubscribe();
    clearInterval(this.ticker);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }

  tiles() { return [...this.grid.children]; }

  camerasChanged(list) {
    if (this.assigned === null && list.length) {
      this.assigned = list.slice(0, this.layout).map((c) => c.id);
      this.build();
    }
    this.renderList();
    this.tiles().forEach((t) => t.update());
  }

  renderList() {
    const f = this.filter.value.trim().toLowerCase();
    const items = cameras.list().filter((c) => !f || c.name.toLowerCase().includes(f)).map((c) => {
      const state = c.status ? c.status.state : '';
      return h('div.camitem', {
        draggable: true, title: `${c.name}: ${state}${c.status && c.status.lastError ? ' – ' + c.status.lastError : ''}`,
        dataset: { camera: c.id },
        ondragstart: (e) => { e.dataTransfer.setData(DRAG_TYPE, c.id); e.dataTransfer.effectAllowed = 'copy'; },
        ondblclick: () => { location.hash = '#/camera/' + c.id; },
      }, h('span.dot.' + stateClass(state)), h('span.name', {}, c.name));
    });
    this.list.replaceChildren(...(items.length ? items : [h('div.hint', {}, cameras.list().length
      ? 'No camera matches.' : 'No cameras yet. Add them under Admin.')]));
  }

  /** Makes the grid match the layout, keeping tiles (and their players) that stay. */
  build() {
    const n = this.layout;
    const side = Math.sqrt(n);
    this.grid.style.gridTemplateColumns = `repeat(${side}, minmax(0, 1fr))`;
    this.grid.style.gridTemplateRows = `repeat(${side}, minmax(0, 1fr))`;
    const tiles = this.tiles();
    while (tiles.length > n) tiles.pop().remove();
    while (tiles.length < n) {
      const t = document.createElement('argus-tile');
      const index = tiles.length;
      t.addEventListener('click', () => this.select(index));
      t.addEventListener('dblclick', () => this.fullscreen(t));
      this.grid.append(t);
      tiles.push(t);
    }
    const ids = this.assigned || [];
    tiles.forEach((t, i) => { t.cameraId = ids[i] || null; });
    this.layoutButtons.forEach((b) => b.classList.toggle('on', Number(b.dataset.layout) === n));
    this.select(Math.min(this.selected, n - 1));
    this.save();
  }

  select(i) {
    this.selected = i;
    this.tiles().forEach((t, k) => t.classList.toggle('selected', k === i));
  }

  setLayout(n) {
    this.layout = n;
    this.build();
  }

  assign(i, id) {
    const ids = (this.assigned || []).slice();
    while (ids.length <= i) ids.push(null);
    ids[i] = id;
    this.assigned = ids;
    this.tiles()[i].cameraId = id;
    this.select(i);
    this.save();
  }

  fillAll() {
    this.assigned = cameras.list().map((c) => c.id);
    this.build();
  }

  clearAll() {
    this.assigned = [];
    this.build();
  }

  save() {
    if (this.assigned === null) return;
    localStorage.setItem(STORE, JSON.stringify({ layout: this.layout, tiles: this.assigned }));
  }

  fullscreen(t) {
    if (document.fullscreenElement || t.classList.contains('maximized')) {
      t.classList.remove('maximized');
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
      return;
    }
    // Without the Fullscreen API (or when the browser refuses) the tile still fills the window.
    t.classList.add('maximized');
    if (t.requestFullscreen) t.requestFullscreen().catch(() => {});
    document.addEventListener('fullscreenchange', () => {
      if (!document.fullscreenElement) t.classList.remove('maximized');
    }, { once: true });
  }

  key(e) {
    if (e.target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
    const tile = this.tiles()[this.selected];
    if (e.key >= '1' && e.key <= '4') this.setLayout(LAYOUTS[Number(e.key) - 1]);
    else if (e.key === 'Enter' && tile && tile.cameraId) location.hash = '#/camera/' + tile.cameraId;
    else if ((e.key === 'f' || e.key === 'F') && tile) this.fullscreen(tile);
    else if (e.key === 'Escape') this.tiles().forEach((t) => t.classList.remove('maximized'));
    else if (e.key === 'Delete' && tile) this.assign(this.selected, null);
    else if (e.key === 'ArrowRight') this.select((this.selected + 1) % this.layout);
    else if (e.key === 'ArrowLeft') this.select((this.selected + this.layout - 1) % this.layout);
  }
}
customElements.define('argus-wall', Wall);
