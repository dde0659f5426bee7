// The drawing surface of the zone editor: a canvas over the camera's snapshot showing zones (blue), masks (grey
// hatching) and lines (amber, with arrows for the direction they count), in frame-relative coordinates (0..1, as
// the analytics store them, so they hold at every resolution). Draw a polygon by clicking its corners and clicking
// the first one again (or Enter, or a double-click); a line by clicking its two ends; drag a corner to move it.
// It edits the shapes it is given and says so with a 'change' event; 'select' names the shape clicked.
import { h } from './util.js';

/** How near (CSS pixels) a click must be to a corner to grab it or to close a polygon. */
const GRAB_PX = 9;

export class ZoneCanvas {
  /** @param model {zones: [{name, points, mask}], lines: [{name, from, to, direction}]} edited in place */
  constructor(model) {
    this.model = model;
    this.canvas = h('canvas.zcanvas', { id: 'ze-canvas', tabIndex: 0 });
    this.events = new EventTarget();
    this.mode = null;
    this.draft = null;
    this.selected = null;
    this.canvas.addEventListener('mousedown', (e) => this.down(e));
    this.canvas.addEventListener('dblclick', () => this.finish());
    this.canvas.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.finish();
      else if (e.key === 'Escape') this.cancel();
    });
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  /** Starts drawing a new shape: 'zone', 'mask' or 'line'. */
  start(mode) {
    this.mode = mode;
    this.draft = [];
    this.canvas.dataset.mode = mode;
    this.canvas.focus();
    this.draw();
  }

  cancel() {
    this.mode = null;
    this.draft = null;
    delete this.canvas.dataset.mode;
    this.draw();
  }

  select(shape) {
    this.selected = shape;
    this.draw();
  }

  /** The click's frame-relative point, clamped into the frame. */
  at(e) {
    const r = this.canvas.getBoundingClientRect();
    const c = (v) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
    return [c((e.clientX - r.left) / r.width), c((e.clientY - r.top) / r.height)];
  }

  px(p) { return [p[0] * this.canvas.clientWidth, p[1] * this.canvas.clientHeight]; }

  near(p, q) {
    const [a, b] = [this.px(p), this.px(q)];
    return Math.hypot(a[0] - b[0], a[1] - b[1]) <= GRAB_PX;
  }

  down(e) {
    e.preventDefault();
    this.canvas.focus();
    const p = this.at(e);
    if (this.mode) {
      if (this.mode !== 'line' && this.draft.length >= 3 && this.near(p, this.draft[0])) {
        this.finish();
        return;
      }
      this.draft.push(p);
      if (this.mode === 'line' && this.draft.length === 2) this.finish();
      else this.draw();
      return;
    }
    const grab = this.corner(p);
    if (grab) {
      this.select(grab.shape);
      this.emit('select', grab.shape);
      this.drag(grab);
      return;
    }
    const hit = this.model.zones.find((z) => inside(p, z.points)) || null;
    this.select(hit);
    this.emit('select', hit);
  }

  /** The corner under the point, the selected shape's first: {shape, set(point)}. */
  corner(p) {
    const shapes = [this.selected, ...this.model.zones, ...this.model.lines].filter(Boolean);
    for (const s of shapes) {
      if (s.points) {
        const i = s.points.findIndex((q) => this.near(p, q));
        if (i >= 0) return { shape: s, set: (q) => { s.points[i] = q; } };
      } else {
        if (this.near(p, s.from)) return { shape: s, set: (q) => { s.from = q; } };
        if (this.near(p, s.to)) return { shape: s, set: (q) => { s.to = q; } };
      }
    }
    return null;
  }

  drag(grab) {
    const move = (ev) => { grab.set(this.at(ev)); this.draw(); };
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      this.emit('change');
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  }

  /** Ends the shape being drawn: a polygon of 3 or more corners, or a line; less is dropped. */
  finish() {
    const { mode, draft } = this;
    this.cancel();
    if (!mode) return;
    let shape = null;
    if (mode === 'line' && draft.length === 2 && !this.near(draft[0], draft[1])) {
      shape = { name: uniqueName(this.model, 'line'), from: draft[0], to: draft[1], direction: 'both' };
      this.model.lines.push(shape);
    } else if (mode !== 'line' && draft.length >= 3) {
      shape = { name: uniqueName(this.model, mode), points: draft, mask: mode === 'mask' };
      this.model.zones.push(shape);
    }
    if (!shape) return;
    this.select(shape);
    this.emit('added', shape);
    this.emit('change');
  }

  emit(type, detail) { this.events.dispatchEvent(new CustomEvent(type, { detail })); }

  draw() {
    const c = this.canvas;
    const w = c.clientWidth;
    const hgt = c.clientHeight;
    if (!w || !hgt) return;
    const dpr = window.devicePixelRatio || 1;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(hgt * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(hgt * dpr);
    }
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, hgt);
    g.lineWidth = 2;
    g.font = '12px system-ui';
    for (const z of this.model.zones) {
      const sel = z === this.selected;
      g.fillStyle = z.mask ? 'rgba(20, 20, 20, 0.6)' : 'rgba(61, 139, 253, 0.22)';
      g.strokeStyle = sel ? '#fff' : (z.mask ? '#8894a2' : '#3d8bfd');
      this.path(z.points, true);
      g.fill();
      g.stroke();
      this.label(g, z.name + (z.mask ? ' (mask)' : ''), z.points[0]);
      if (sel) this.corners(g, z.points);
    }
    for (const l of this.model.lines) this.line(g, l, l === this.selected);
    if (this.draft && this.draft.length) {
      g.strokeStyle = '#fff';
      g.setLineDash([5, 4]);
      this.path(this.draft, false);
      g.stroke();
      g.setLineDash([]);
      this.corners(g, this.draft);
    }
  }

  path(points, closed) {
    const g = this.canvas.getContext('2d');
    g.beginPath();
    points.forEach((p, i) => { const [x, y] = this.px(p); if (i) g.lineTo(x, y); else g.moveTo(x, y); });
    if (closed) g.closePath();
  }

  corners(g, points) {
    g.fillStyle = '#fff';
    for (const p of points) {
      const [x, y] = this.px(p);
      g.fillRect(x - 3, y - 3, 6, 6);
    }
  }

  label(g, text, p) {
    const [x, y] = this.px(p);
    g.fillStyle = '#000a';
    g.fillRect(x + 4, y + 4, g.measureText(text).width + 8, 17);
    g.fillStyle = '#fff';
    g.fillText(text, x + 8, y + 17);
  }

  /** A line with arrows across its middle toward the side(s) a crossing counts to (right of from→to is y-down's). */
  line(g, l, sel) {
    const [ax, ay] = this.px(l.from);
    const [bx, by] = this.px(l.to);
    g.strokeStyle = sel ? '#fff' : '#f0ad3c';
    g.beginPath();
    g.moveTo(ax, ay);
    g.lineTo(bx, by);
    g.stroke();
    const len = Math.hypot(bx - ax, by - ay) || 1;
    const [rx, ry] = [-(by - ay) / len, (bx - ax) / len];
    const [mx, my] = [(ax + bx) / 2, (ay + by) / 2];
    const arrow = (s) => {
      const [tx, ty] = [mx + rx * 22 * s, my + ry * 22 * s];
      g.beginPath();
      g.moveTo(mx, my);
      g.lineTo(tx, ty);
      g.lineTo(tx - rx * 7 * s + ry * 5, ty - ry * 7 * s - rx * 5);
      g.moveTo(tx, ty);
      g.lineTo(tx - rx * 7 * s - ry * 5, ty - ry * 7 * s + rx * 5);
      g.stroke();
    };
    if (l.direction !== 'right_to_left') arrow(1);
    if (l.direction !== 'left_to_right') arrow(-1);
    this.label(g, l.name, l.from);
    if (sel) this.corners(g, [l.from, l.to]);
  }
}

/** Whether a point lies inside a polygon (even-odd rule). */
function inside(p, points) {
  let odd = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

/** A name no zone, mask or line has yet: zone-1, zone-2, … */
export function uniqueName(model, prefix) {
  const taken = new Set([...model.zones, ...model.lines].map((s) => s.name));
  for (let i = 1; ; i++) if (!taken.has(`${prefix}-${i}`)) return `${prefix}-${i}`;
}
