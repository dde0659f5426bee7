// A camera's analytics (#/analytics/<id>): zones, masks and lines drawn on its snapshot (js/zone-canvas.js), the
// rules on them, motion and object classes; loaded from and saved with GET/PUT /api/v1/cameras/{id}/analytics.
// The API keeps lines inside their line-crossing rules ({"type": "line_crossing", "area": "gate", "from", "to"}):
// here a line is a shape of its own, and saving writes it into the first rule that crosses it (the others name
// it by its area). The server checks the rules with the rules engine and says in words what it cannot read.
import * as api from './api.js';
import * as cameras from './cameras.js';
import { h, toast } from './util.js';
import { ZoneCanvas } from './zone-canvas.js';

const KINDS = ['zone', 'loitering', 'count', 'line_crossing'];
const DIRECTIONS = ['both', 'left_to_right', 'right_to_left'];

class ZoneEditor extends HTMLElement {
  async connectedCallback() {
    this.style.display = 'contents';
    this.base = `/api/v1/cameras/${encodeURIComponent(this.cameraId)}/analytics`;
    this.model = { zones: [], lines: [] };
    this.rules = [];
    this.surface = new ZoneCanvas(this.model);
    this.surface.events.addEventListener('change', () => this.refresh());
    this.surface.events.addEventListener('select', () => this.renderShapes());
    this.surface.events.addEventListener('added', (e) => {
      // A line counts nothing without a rule: drawing one adds its crossing rule, ready to edit.
      if (!e.detail.points) this.rules.push({ name: e.detail.name, type: 'line_crossing', area: e.detail.name,
        direction: 'both' });
    });
    this.img = h('img.zsnap', { alt: '', onload: () => this.fit() });
    this.frame = h('div.zframe', {}, this.img, this.surface.canvas);
    this.heading = h('h2');
    this.msg = h('div.msg', { id: 'ze-message' });
    this.motion = h('input', { type: 'checkbox', id: 'ze-motion' });
    this.objects = h('input', { id: 'ze-objects', placeholder: 'person, car', size: 24 });
    this.minConfidence = h('input', { id: 'ze-min-confidence', type: 'number', min: 0, max: 1, step: 0.05 });
    this.shapes = h('div.zshapes', { id: 'ze-shapes' });
    this.ruleTable = h('table.zrules', { id: 'ze-rules' });
    const tool = (mode, text) => h('button', { id: 'ze-draw-' + mode, onclick: () => this.surface.start(mode) }, text);
    this.replaceChildren(h('div.zeditor', {},
      h('div.zstage', {}, this.frame,
        h('div.toolbar', {}, tool('zone', 'Draw zone'), tool('mask', 'Draw mask'), tool('line', 'Draw line'),
          h('button', { id: 'ze-finish', onclick: () => this.surface.finish() }, 'Finish'),
          h('button', { onclick: () => this.surface.cancel() }, 'Cancel'),
          h('span.hint', {}, 'Click the corners; click the first again (or Enter) to close. Drag a corner to move it.'))),
      h('div.zside', {},
        h('div.card', {}, this.heading, h('a', { href: `#/camera/${encodeURIComponent(this.cameraId)}` }, '◂ Camera'),
          h('label.zrow', {}, this.motion, 'Motion'), h('label.zrow', {}, 'Objects', this.objects),
          h('label.zrow', {}, 'Min. confidence', this.minConfidence)),
        h('div.card', {}, h('h2', {}, 'Zones, masks and lines'), this.shapes),
        h('div.card', {}, h('h2', {}, 'Rules'), this.ruleTable,
          h('button', { id: 'ze-add-rule', onclick: () => this.addRule() }, 'Add rule')),
        h('div.zrow', {}, h('button.primary', { id: 'ze-save', onclick: () => this.save() }, 'Save'),
          h('button', { onclick: () => this.load() }, 'Revert')), this.msg)));
    const c = cameras.byId(this.cameraId);
    this.heading.textContent = `Analytics of ${c ? c.name : 'the camera'}`;
    this.snapshot();
    await this.load();
  }

  async snapshot() {
    try {
      this.img.src = (await api.mediaUrls(this.cameraId, null, null, 600)).snapshot;
    } catch (e) {
      this.msg.textContent = 'No snapshot (' + e.message + '): the shapes can still be drawn.';
    }
  }

  /** The frame takes the snapshot's shape, as large as the page allows: the shapes are drawn relative to it. */
  fit() {
    const ratio = this.img.naturalWidth / this.img.naturalHeight;
    this.frame.style.aspectRatio = String(ratio);
    this.frame.style.width = `min(100%, ${(72 * ratio).toFixed(2)}vh)`;
    this.surface.draw();
  }

  async load() {
    try {
      this.show(await api.get(this.base));
      this.dataset.ready = 'true';
    } catch (e) {
      this.msg.textContent = e.message;
    }
  }

  /** Takes the server's settings apart: zones and masks, lines out of their rules, the rules without them. */
  show(s) {
    this.motion.checked = s.motion;
    this.objects.value = s.objects.join(', ');
    this.minConfidence.value = s.minConfidence;
    this.model.zones.splice(0, this.model.zones.length, ...s.zones.map((z) => ({ name: z.name, points: z.points,
      mask: !!z.mask })));
    this.model.lines.length = 0;
    this.rules = s.rules.map((r) => {
      const { from, to, ...rest } = r;
      if (from && to && !this.model.lines.some((l) => l.name === r.area)) {
        this.model.lines.push({ name: r.area, from, to });
      }
      return rest;
    });
    this.surface.select(null);
    this.refresh();
  }

  /** The settings to save, or a message saying why they cannot be. */
  body() {
    const rules = this.rules.map((r) => ({ ...r }));
    for (const l of this.model.lines) {
      const first = rules.find((r) => r.type === 'line_crossing' && r.area === l.name);
      if (!first) return `Line ${l.name} has no line-crossing rule: add one, or delete the line.`;
      first.from = l.from;
      first.to = l.to;
    }
    const min = Number(this.minConfidence.value);
    return { motion: this.motion.checked, minConfidence: min,
      objects: this.objects.value.split(',').map((o) => o.trim()).filter(Boolean),
      zones: this.model.zones.map((z) => ({ name: z.name, points: z.points, mask: z.mask })), rules };
  }

  async save() {
    const body = this.body();
    if (typeof body === 'string') {
      this.msg.textContent = body;
      return;
    }
    this.msg.textContent = '';
    try {
      this.show(await api.put(this.base, body));
      this.dataset.saved = String(Number(this.dataset.saved || 0) + 1);
      toast('Analytics saved: they apply to the camera at once.');
    } catch (e) {
      this.msg.textContent = e.message;
    }
  }

  refresh() {
    for (const l of this.model.lines) {
      const r = this.rules.find((x) => x.type === 'line_crossing' && x.area === l.name);
      l.direction = r && r.direction ? r.direction : 'both';
    }
    this.surface.draw();
    this.renderShapes();
    this.renderRules();
  }

  renderShapes() {
    const shapes = [...this.model.zones, ...this.model.lines];
    this.shapes.replaceChildren(...(shapes.length ? shapes.map((s) => {
      const kind = s.points ? (s.mask ? 'mask' : 'zone') : 'line';
      const name = h('input', { value: s.name, size: 14, dataset: { shape: s.name },
        onchange: () => this.rename(s, name.value.trim()) });
      return h('div.zshape' + (s === this.surface.selected ? '.sel' : ''), {
        onclick: (e) => { if (e.target !== name) { this.surface.select(s); this.renderShapes(); } },
      }, h('span.kind.' + kind, {}, kind), name,
      h('button.danger', { title: 'delete', onclick: () => this.removeShape(s) }, '✕'));
    }) : [h('div.hint', {}, 'Nothing drawn: the whole picture is watched.')]));
  }

  rename(shape, name) {
    if (!name || [...this.model.zones, ...this.model.lines].some((s) => s !== shape && s.name === name)) {
      this.msg.textContent = name ? `There is already a shape named ${name}.` : 'A shape needs a name.';
      this.renderShapes();
      return;
    }
    for (const r of this.rules) if (r.area === shape.name) r.area = name;
    shape.name = name;
    this.refresh();
  }

  removeShape(shape) {
    const list = shape.points ? this.model.zones : this.model.lines;
    list.splice(list.indexOf(shape), 1);
    if (!shape.points) this.rules = this.rules.filter((r) => !(r.type === 'line_crossing' && r.area === shape.name));
    if (this.surface.selected === shape) this.surface.select(null);
    this.refresh();
  }

  addRule() {
    const zone = this.model.zones.find((z) => !z.mask);
    const line = this.model.lines[0];
    if (!zone && !line) {
      this.msg.textContent = 'Draw a zone or a line first: a rule watches one.';
      return;
    }
    let n = this.rules.length + 1;
    while (this.rules.some((r) => r.name === 'rule-' + n)) n++;
    this.rules.push(zone ? { name: 'rule-' + n, type: 'zone', area: zone.name, classes: ['person'] }
      : { name: 'rule-' + n, type: 'line_crossing', area: line.name, direction: 'both' });
    this.refresh();
  }

  renderRules() {
    const head = h('tr', {}, ['Name', 'Type', 'On', 'Classes', 'Min. conf.', '', ''].map((t) => h('th', {}, t)));
    this.ruleTable.replaceChildren(head, ...this.rules.map((r, i) => this.ruleRow(r, i)));
  }

  ruleRow(r, i) {
    const set = (k, v) => {
      if (v === '' || v === null || v === undefined) delete r[k];
      else r[k] = v;
      this.refresh();
    };
    const areas = r.type === 'line_crossing' ? this.model.lines : this.model.zones.filter((z) => !z.mask);
    const area = h('select', { onchange: () => set('area', area.value) },
      areas.map((a) => h('option', { value: a.name, selected: a.name === r.area }, a.name)));
    if (!areas.some((a) => a.name === r.area)) area.prepend(h('option', { value: r.area || '', selected: true }, '—'));
    const type = h('select', { onchange: () => this.retype(r, type.value) },
      KINDS.map((k) => h('option', { value: k, selected: k === r.type }, k.replace('_', ' '))));
    const num = (k, props) => {
      const el = h('input', { type: 'number', value: r[k] ?? '', className: 'znum', ...props,
        onchange: () => set(k, el.value === '' ? '' : Number(el.value)) });
      return el;
    };
    let extra = '';
    if (r.type === 'loitering') extra = h('label', {}, 'dwell s ', num('dwellSeconds', { min: 1, step: 1 }));
    else if (r.type === 'count') extra = h('label', {}, 'at least ', num('minCount', { min: 1, step: 1 }));
    else if (r.type === 'line_crossing') {
      const dir = h('select', { onchange: () => set('direction', dir.value) },
        DIRECTIONS.map((d) => h('option', { value: d, selected: d === (r.direction || 'both') }, d.replace(/_/g, ' '))));
      extra = dir;
    }
    const name = h('input', { value: r.name || '', size: 10, onchange: () => set('name', name.value.trim()) });
    const classes = h('input', { value: (r.classes || []).join(', '), size: 12, placeholder: 'any',
      onchange: () => set('classes', classes.value.split(',').map((c) => c.trim()).filter(Boolean)) });
    return h('tr', { dataset: { rule: i } }, h('td', {}, name), h('td', {}, type), h('td', {}, area),
      h('td', {}, classes), h('td', {}, num('minConfidence', { min: 0, max: 1, step: 0.05 })), h('td', {}, extra),
      h('td', {}, h('button.danger', { title: 'delete the rule', onclick: () => {
        this.rules.splice(i, 1);
        this.refresh();
      } }, '✕')));
  }

  /** A rule of another type keeps its name, classes and confidence; its area becomes one the type can watch. */
  retype(r, type) {
    const line = type === 'line_crossing';
    if (line !== (r.type === 'line_crossing')) {
      const a = line ? this.model.lines[0] : this.model.zones.find((z) => !z.mask);
      r.area = a ? a.name : '';
    }
    r.type = type;
    if (type === 'loitering' && !r.dwellSeconds) r.dwellSeconds = 30;
    if (type === 'count' && !r.minCount) r.minCount = 2;
    this.refresh();
  }
}

customElements.define('argus-zone-editor', ZoneEditor);
