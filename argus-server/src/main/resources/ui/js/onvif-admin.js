// ONVIF onboarding in the admin page: discover devices (the multicast group, or one address), tick the ones to add,
// one account for all, add them in one bulk request, and read the report: what was added (with its cameras) and
// what failed and why, in the device's words.
import * as api from './api.js';
import * as cameras from './cameras.js';
import { h, toast } from './util.js';

class OnvifOnboard extends HTMLElement {
  connectedCallback() {
    this.address = h('input', { id: 'onvif-address', placeholder: 'host:port (empty: multicast)', size: 22 });
    this.username = h('input', { id: 'onvif-username', placeholder: 'user', size: 10, autocomplete: 'off' });
    this.password = h('input', { id: 'onvif-password', type: 'password', placeholder: 'password', size: 10,
      autocomplete: 'new-password' });
    this.profiles = h('select', { id: 'onvif-profiles', title: 'which profiles become cameras' },
      h('option', { value: '' }, 'every profile'), h('option', { value: 'main' }, 'main only'),
      h('option', { value: 'sub' }, 'sub only'));
    this.list = h('div', { id: 'onvif-found' });
    this.report = h('div', { id: 'onvif-report' });
    this.addButton = h('button.primary', { id: 'onvif-add', disabled: true, onclick: () => this.add() },
      'Add selected');
    this.replaceChildren(h('h2', {}, 'ONVIF devices'),
      h('div.controls', {}, this.address,
        h('button', { id: 'onvif-discover', onclick: () => this.discover() }, 'Discover')),
      this.list,
      h('div.controls', {}, this.username, this.password, this.profiles, this.addButton),
      this.report);
  }

  credentials() {
    return this.username.value ? { username: this.username.value, password: this.password.value } : {};
  }

  async discover() {
    this.list.textContent = 'Probing…';
    try {
      const body = { ...this.credentials() };
      if (this.address.value.trim()) body.address = this.address.value.trim();
      const r = await api.post('/api/v1/onvif/discover', body);
      this.list.replaceChildren(...(r.devices.length ? r.devices.map((d) => h('label.onvifdev', {},
        h('input', { type: 'checkbox', value: d.xaddr, checked: !d.added, disabled: d.added }),
        ` ${d.manufacturer || '?'} ${d.model || ''} ${d.serial || ''} — ${d.xaddr}${d.added ? ' (added)' : ''}`))
        : ['No device answered.']));
      this.dataset.found = String(r.devices.length);
      this.addButton.disabled = r.devices.every((d) => d.added);
    } catch (e) {
      this.list.textContent = e.message;
    }
  }

  async add() {
    const xaddrs = [...this.list.querySelectorAll('input:checked')].map((i) => i.value);
    if (!xaddrs.length) {
      toast('Tick the devices to add', true);
      return;
    }
    this.report.textContent = `Adding ${xaddrs.length} device(s)…`;
    try {
      const body = { devices: xaddrs.map((xaddr) => ({ xaddr })), ...this.credentials() };
      if (this.profiles.value) body.profiles = [this.profiles.value];
      const r = await api.post('/api/v1/onvif/devices/bulk', body);
      this.report.replaceChildren(h('div', {}, `${r.added.length} added, ${r.failed.length} failed.`),
        ...r.failed.map((f) => h('div.bad', {}, `${f.xaddr}: ${f.message}`)));
      this.dataset.added = String(r.added.length);
      this.dataset.failed = String(r.failed.length);
      await cameras.refresh();
      await this.discover();
    } catch (e) {
      this.report.textContent = e.message;
    }
  }
}

customElements.define('argus-onvif-onboard', OnvifOnboard);
