// The application shell: login, the top bar, hash routes (#/wall, #/camera/<id>[/<from>/<to>], #/events,
// #/analytics/<id>, #/admin, #/cluster) and global keys.
import * as api from './api.js';
import * as cameras from './cameras.js';
import * as rights from './rights.js';
import { h, clock } from './util.js';
import * as eventToasts from './event-toasts.js';
import './wall.js';
import './camera-view.js';
import './events.js';
import './zone-editor.js';
import './admin.js';
import './cluster.js';

const app = document.getElementById('app');
/** What the current render started (timers, subscriptions), undone by the next one. */
let undo = [];

const KEYS = [
  ['W', 'live wall'], ['V', 'events'], ['A', 'admin'], ['1 2 3 4', 'wall of 1, 4, 9 or 16 tiles'],
  ['Enter', 'open the selected tile\'s camera'], ['F / double-click', 'tile full screen'],
  ['Delete', 'clear the selected tile'], ['L', 'back to live (camera)'], ['Space', 'pause / play (camera)'],
  ['← →', '10 s back / forward (camera)'], ['[ ]', 'slower / faster playback (camera)'], ['S', 'snapshot (camera)'],
  ['B', 'bookmark (camera)'], ['E', 'export the selected range (camera)'], ['?', 'this help'],
];

function loginPage() {
  const err = h('div.error', { id: 'login-error' });
  const userIn = h('input', { name: 'username', autocomplete: 'username', value: 'admin', required: true });
  const passIn = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form.login', {
    onsubmit: async (e) => {
      e.preventDefault();
      err.textContent = '';
      try {
        await api.login(userIn.value, passIn.value);
        const next = location.hash && location.hash !== '#/login' ? location.hash : '#/wall';
        if (location.hash === next) render();
        else location.hash = next;
      } catch (x) {
        err.textContent = x.message;
        passIn.select();
      }
    },
  }, h('h1', {}, 'ARGUS'), h('label', {}, 'User', userIn), h('label', {}, 'Password', passIn),
  h('button.primary', { type: 'submit' }, 'Log in'), err);
  app.replaceChildren(form);
  passIn.focus();
}

function topbar(active) {
  const time = h('span.clock');
  const tick = () => { time.textContent = clock(new Date()); };
  tick();
  const timer = setInterval(tick, 1000);
  undo.push(() => clearInterval(timer));
  const health = h('span.health');
  undo.push(cameras.subscribe((list, error) => {
    const up = list.filter((c) => c.status && c.status.state === 'live').length;
    health.textContent = error ? error.message : `${up} of ${list.length} cameras live`;
    health.style.color = error || up < list.length ? 'var(--warn)' : '';
  }));
  const link = (href, text, name) => h('a' + (active === name ? '.active' : ''), { href }, text);
  const cluster = link('#/cluster', 'Cluster', 'cluster');
  cluster.id = 'nav-cluster';
  cluster.hidden = true;
  rights.can('view-system').then((ok) => { cluster.hidden = !ok; });
  return h('header.topbar', {}, h('span.brand', {}, 'ARGUS'),
    h('nav', {}, link('#/wall', 'Live wall', 'wall'), link('#/events', 'Events', 'events'),
      link('#/admin', 'Admin', 'admin'), cluster),
    h('span.spacer'), health, time, h('span', { title: 'logged in' }, api.user() || ''),
    h('button', { id: 'logout', onclick: () => api.logout() }, 'Log out'));
}

function render() {
  undo.forEach((fn) => fn());
  undo = [];
  if (!api.loggedIn()) {
    cameras.stop();
    loginPage();
    return;
  }
  cameras.start();
  const route = (location.hash || '#/wall').slice(2).split('/');
  let name = route[0] || 'wall';
  let el;
  if (name === 'camera' && route[1]) {
    el = document.createElement('argus-camera-view');
    el.cameraId = decodeURIComponent(route[1]);
    const from = route[2] ? new Date(decodeURIComponent(route[2])) : null;
    if (from && !isNaN(from.getTime())) {
      el.playFrom = from;
      const to = route[3] ? new Date(decodeURIComponent(route[3])) : null;
      el.playTo = to && !isNaN(to.getTime()) && to > from ? to : null;
    }
  } else if (name === 'events') {
    el = document.createElement('argus-events');
  } else if (name === 'analytics' && route[1]) {
    el = document.createElement('argus-zone-editor');
    el.cameraId = decodeURIComponent(route[1]);
    name = 'camera';
  } else if (name === 'admin') {
    el = document.createElement('argus-admin');
  } else if (name === 'cluster') {
    el = document.createElement('argus-cluster');
  } else {
    name = 'wall';
    el = document.createElement('argus-wall');
    undo.push(eventToasts.start());
  }
  app.replaceChildren(topbar(name), h('div.main', {}, el));
}

function help() {
  const existing = document.querySelector('.help');
  if (existing) { existing.remove(); return; }
  const box = h('div.help', { onclick: () => box.remove() }, h('div.card', {}, h('h2', {}, 'Keys'),
    h('table', {}, KEYS.map(([k, v]) => h('tr', {}, h('td', {}, h('kbd', {}, k)), h('td', {}, v))))));
  document.body.append(box);
}

document.addEventListener('keydown', (e) => {
  if (e.target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey || !api.loggedIn()) return;
  if (e.key === '?') help();
  else if (e.key === 'w' || e.key === 'W') location.hash = '#/wall';
  else if (e.key === 'a' || e.key === 'A') location.hash = '#/admin';
  else if (e.key === 'v' || e.key === 'V') location.hash = '#/events';
  else if (e.key === 'Escape') document.querySelector('.help')?.remove();
});

api.onLogout(() => { location.hash = '#/login'; render(); });
window.addEventListener('hashchange', render);
render();
