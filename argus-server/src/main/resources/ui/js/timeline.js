// A day of a camera's recordings on a canvas: recorded spans, gaps,
// bookmarks and events as marks (js/timeline-events.js), the playhead and a selected range. Click or drag to move the playhead ('seek'), shift-drag to
// select a range ('select'), the wheel zooms around the pointer.
import * as api from './api.js';
import { h, day, clock, timeZone } from './util.js';
import { loadEvents, drawEvents } from './timeline-events.js';

const MINUTE = 60000;
const DAY = 24 * 3600000;
const REFRESH_MS = 10000;

function midnight(d) {
  const m = new Date(d);
  m.setHours(0, 0, 0, 0);
  return m;
}

class Timeline extends HTMLElement {
  connectedCallback() {
    if (this.canvas) return;
    this.canvas = h('canvas');
    this.dayInput = h('input', { type: 'date', onchange: () => this.showDay(new Date(this.dayInput.value + 'T00:00')) });
    this.legend = h('span.legend');
    this.append(h('div.tlbar', {},
      h('button', { title: 'previous day', onclick: () => this.showDay(new Date(this.day.getTime() - DAY / 2)) }, '‹'),
      this.dayInput,
      h('button', { title: 'next day', onclick: () => this.showDay(new Date(this.day.getTime() + DAY * 1.5)) }, '›'),
      h('button', { onclick: () => this.showDay(new Date()) }, 'Today'),
      h('button', { title: 'whole day', onclick: () => this.zoom(DAY) }, '24 h'),
      h('button', { title: 'an hour around the playhead', onclick: () => this.zoom(3600000) }, '1 h'),
      h('button', { title: 'ten minutes around the playhead', onclick: () => this.zoom(600000) }, '10 min'),
      this.legend), this.canvas);
    this.spans = [];
    this.bookmarks = [];
    this.events = [];
    this.playhead = new Date();
    this.selection = null;
    this.canvas.addEventListener('mousedown', (e) => this.down(e));
    this.canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const at = this.timeAt(e.offsetX);
      const span = Math.min(DAY, Math.max(2 * MINUTE, (this.viewTo - this.viewFrom) * (e.deltaY > 0 ? 1.25 : 0.8)));
      const f = (at - this.viewFrom) / (this.viewTo - this.viewFrom);
      this.setView(at - span * f, at - span * f + span);
    }, { passive: false });
    this.resize = new ResizeObserver(() => this.draw());
    this.resize.observe(this.canvas);
    this.timer = setInterval(() => { if (this.isToday()) this.load(); }, REFRESH_MS);
    this.showDay(this.playhead);
  }

  disconnectedCallback() {
    clearInterval(this.timer);
    this.resize.disconnect();
  }

  isToday() { return day(this.day) === day(new Date()); }

  async showDay(d) {
    this.day = midnight(d);
    this.dayInput.value = day(this.day);
    this.dayFrom = this.day.getTime();
    this.dayTo = this.dayFrom + DAY;
    // Today opens on the last hour, where an operator usually looks; other days on the whole day.
    const now = Date.now();
    if (now >= this.dayFrom && now < this.dayTo) this.setView(now - 50 * MINUTE, now + 10 * MINUTE);
    else this.setView(this.dayFrom, this.dayTo);
    await this.load();
  }

  /** Fetches the day's coverage and bookmarks. */
  async load() {
    try {
      const t = await api.get(`/api/v1/cameras/${this.cameraId}/timeline?day=${day(this.day)}&tz=${encodeURIComponent(timeZone)}`);
      this.bookmarks = t.bookmarks || [];
      this.dayFrom = Date.parse(t.from);
      this.dayTo = Date.parse(t.to);
      // The exact recorded spans of the day so far (minutes only say how much of each minute, not where).
      const end = Math.min(Date.now(), this.dayTo);
      this.spans = end <= this.dayFrom ? [] : (await api.get(`/api/v1/cameras/${this.cameraId}/recordings?from=`
        + `${new Date(this.dayFrom).toISOString()}&to=${new Date(end).toISOString()}`)).spans
        .map((x) => [Date.parse(x.from), Date.parse(x.to)]);
      const ev = await loadEvents(this.cameraId, this.dayFrom, this.dayTo);
      this.events = ev.marks;
      const recorded = t.minutes.reduce((a, b) => a + b, 0);
      const amount = recorded < 3600 ? `${Math.round(recorded / 60)} min` : `${(recorded / 3600).toFixed(1)} h`;
      this.legend.textContent = `${amount} recorded on ${t.day} · ${this.bookmarks.length} bookmarks · `
        + `${this.events.length}${ev.more ? '+' : ''} events`;
      this.dataset.events = this.events.map((e) => e.id).join(',');
      this.dataset.loaded = 'true';
    } catch (e) {
      this.legend.textContent = e.message;
    }
    this.draw();
  }

  zoom(span) {
    const c = this.playhead.getTime();
    this.setView(c - span / 2, c + span / 2);
  }

  setView(from, to) {
    const span = to - from;
    this.viewFrom = Math.max(this.dayFrom - span / 2, from);
    this.viewTo = this.viewFrom + span;
    this.draw();
  }

  timeAt(x) { return this.viewFrom + (x / this.canvas.clientWidth) * (this.viewTo - this.viewFrom); }
  xAt(t) { return ((t - this.viewFrom) / (this.viewTo - this.viewFrom)) * this.canvas.clientWidth; }

  setPlayhead(d) {
    this.playhead = d;
    const t = d.getTime();
    if (!this.dragging && (t < this.viewFrom || t > this.viewTo) && t >= this.dayFrom && t <= this.dayTo) {
      const span = this.viewTo - this.viewFrom;
      this.setView(t - span / 2, t + span / 2);
    }
    this.draw();
  }

  down(e) {
    const start = this.timeAt(e.offsetX);
    this.dragging = true;
    const move = (ev) => {
      const rect = this.canvas.getBoundingClientRect();
      const t = this.timeAt(Math.max(0, Math.min(rect.width, ev.clientX - rect.left)));
      if (e.shiftKey) this.selection = { from: new Date(Math.min(start, t)), to: new Date(Math.max(start, t)) };
      else this.playhead = new Date(t);
      this.draw();
    };
    const up = (ev) => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      this.dragging = false;
      move(ev);
      if (e.shiftKey) {
        this.dispatchEvent(new CustomEvent('select', { detail: this.selection }));
      } else {
        this.dispatchEvent(new CustomEvent('seek', { detail: this.playhead }));
      }
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  }

  draw() {
    const c = this.canvas;
    if (!c || !c.clientWidth) return;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    const hgt = c.clientHeight;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(hgt * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(hgt * dpr);
    }
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, hgt);
    const css = getComputedStyle(document.documentElement);
    const color = (n) => css.getPropertyValue(n).trim();
    const barTop = 16;
    const barH = hgt - 30;
    g.fillStyle = '#0f1216';
    g.fillRect(0, barTop, w, barH);
    // Gaps: the whole past of the day not recorded; recorded spans on top.
    const now = Date.now();
    const pastEnd = Math.min(now, this.dayTo);
    if (pastEnd > this.dayFrom) {
      g.fillStyle = color('--gap');
      g.fillRect(this.xAt(this.dayFrom), barTop, this.xAt(pastEnd) - this.xAt(this.dayFrom), barH);
    }
    g.fillStyle = color('--rec-bright');
    for (const [from, to] of this.spans) {
      if (to < this.viewFrom || from > this.viewTo) continue;
      const x = this.xAt(from);
      g.fillRect(x, barTop, Math.max(1, this.xAt(to) - x), barH);
    }
    // Hour (or finer) ticks with labels.
    const span = this.viewTo - this.viewFrom;
    const step = [MINUTE, 5 * MINUTE, 10 * MINUTE, 30 * MINUTE, 3600000, 3 * 3600000]
      .find((s) => (w * s) / span >= 70) || 3 * 3600000;
    g.fillStyle = color('--dim');
    g.strokeStyle = '#ffffff22';
    g.font = '11px system-ui';
    const first = Math.ceil(this.viewFrom / step) * step;
    for (let t = first; t <= this.viewTo; t += step) {
      const d = new Date(t);
      const aligned = new Date(d);
      if (step >= 3600000) aligned.setMinutes(0, 0, 0);
      const x = this.xAt(aligned.getTime());
      g.beginPath();
      g.moveTo(x + 0.5, barTop);
      g.lineTo(x + 0.5, barTop + barH);
      g.stroke();
      g.fillText(clock(aligned).slice(0, step < MINUTE * 5 ? 8 : 5), x + 3, hgt - 3);
    }
    // Bookmarks: amber marks above the bar; events: red marks just under them.
    g.fillStyle = color('--mark');
    for (const b of this.bookmarks) {
      const x1 = this.xAt(Date.parse(b.from));
      const x2 = this.xAt(Date.parse(b.to));
      g.fillRect(x1, 4, Math.max(3, x2 - x1), 8);
    }
    drawEvents(g, this.events, (t) => this.xAt(t), 12, 4, color('--bad'));
    if (this.selection) {
      const x1 = this.xAt(this.selection.from.getTime());
      const x2 = this.xAt(this.selection.to.getTime());
      g.fillStyle = 'rgba(61, 139, 253, 0.35)';
      g.fillRect(x1, barTop, Math.max(2, x2 - x1), barH);
    }
    const nx = this.xAt(now);
    g.fillStyle = color('--bad');
    g.fillRect(nx, barTop - 2, 1, barH + 4);
    const px = this.xAt(this.playhead.getTime());
    g.fillStyle = '#fff';
    g.fillRect(px - 1, barTop - 4, 2, barH + 8);
  }
}
customElements.define('argus-timeline', Timeline);
