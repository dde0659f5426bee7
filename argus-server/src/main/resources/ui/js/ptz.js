// PTZ of a camera made from an ONVIF profile: a pad (hold to move, release to stop), zoom in and out, home, and the
// camera's presets (go to, save the current position, remove). Hidden for cameras without PTZ (the presets route
// answers 404 for them). Every action goes through /api/v1/cameras/{id}/ptz/…, which checks the ptz right.
import * as api from './api.js';
import { h, toast } from './util.js';

/** Velocity of a pad button (ONVIF generic space, -1..1): brisk but controllable. */
const SPEED = 0.5;
const PAD = [
  ['↖', -1, 1], ['↑', 0, 1], ['↗', 1, 1],
  ['←', -1, 0], null, ['→', 1, 0],
  ['↙', -1, -1], ['↓', 0, -1], ['↘', 1, -1],
];

class PtzControl extends HTMLElement {
  async connectedCallback() {
    this.hidden = true;
    this.base = `/api/v1/cameras/${encodeURIComponent(this.cameraId)}/ptz`;
    let presets;
    try {
      presets = await api.get(this.base + '/presets');
    } catch (e) {
      if (e.status !== 404) toast('PTZ: ' + e.message, true);
      return;
    }
    this.presetSelect = h('select', { id: 'ptz-preset', title: 'presets' });
    this.presetName = h('input', { id: 'ptz-preset-name', placeholder: 'Preset name', size: 12, maxLength: 64 });
    const pad = h('div.ptzpad', {}, ...PAD.map((b) => (b ? this.moveButton(b[0], b[1], b[2], 0)
      : h('button', { id: 'ptz-home', title: 'home position', onclick: () => this.act('/home') }, '⌂'))));
    this.replaceChildren(h('div.ptz', {}, pad,
      h('span.group', {}, this.moveButton('−', 0, 0, -1, 'ptz-zoom-out'), this.moveButton('+', 0, 0, 1, 'ptz-zoom-in')),
      h('span.group', {}, this.presetSelect,
        h('button', { id: 'ptz-goto', onclick: () => this.gotoPreset() }, 'Go'),
        h('button', { id: 'ptz-remove', title: 'remove the preset', onclick: () => this.removePreset() }, '✕')),
      h('span.group', {}, this.presetName,
        h('button', { id: 'ptz-save', onclick: () => this.savePreset() }, 'Save preset'))));
    this.showPresets(presets);
    this.hidden = false;
    this.dataset.ready = 'true';
  }

  /** A button that moves while held: continuous move on press, stop on release (or when the pointer leaves). */
  moveButton(label, pan, tilt, zoom, id) {
    const start = (e) => {
      e.preventDefault();
      this.moving = true;
      this.act('/move', { pan: pan * SPEED, tilt: tilt * SPEED, zoom: zoom * SPEED, mode: 'continuous' });
    };
    const stop = () => {
      if (!this.moving) return;
      this.moving = false;
      this.act('/stop');
    };
    return h('button', { id, title: zoom ? (zoom > 0 ? 'zoom in' : 'zoom out') : 'hold to move',
      dataset: { pan, tilt, zoom }, onpointerdown: start, onpointerup: stop, onpointerleave: stop }, label);
  }

  async act(path, body) {
    try {
      await api.post(this.base + path, body);
      this.dataset.last = path;
    } catch (e) {
      toast('PTZ: ' + e.message, true);
    }
  }

  showPresets(presets) {
    this.presetSelect.replaceChildren(...presets.map((p) => h('option', { value: p.token }, p.name || p.token)));
    this.dataset.presets = presets.map((p) => p.name).join(',');
  }

  async reload() {
    try {
      this.showPresets(await api.get(this.base + '/presets'));
    } catch (e) {
      toast('PTZ: ' + e.message, true);
    }
  }

  async gotoPreset() {
    if (!this.presetSelect.value) return;
    await this.act('/presets/' + encodeURIComponent(this.presetSelect.value) + '/goto');
  }

  async savePreset() {
    const name = this.presetName.value.trim();
    if (!name) {
      toast('Name the preset first', true);
      return;
    }
    await this.act('/presets', { name });
    this.presetName.value = '';
    await this.reload();
  }

  async removePreset() {
    if (!this.presetSelect.value) return;
    try {
      await api.del(this.base + '/presets/' + encodeURIComponent(this.presetSelect.value));
    } catch (e) {
      toast('PTZ: ' + e.message, true);
    }
    await this.reload();
  }
}

customElements.define('argus-ptz', PtzControl);
