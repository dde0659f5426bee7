// Alerts on the live wall: each new event of the cameras the user may see (the server filters the stream) shows a
// toast with its thumbnail, camera and kind for a few seconds; clicking it plays the event. An event's end is no
// new alert. A burst (a site-wide outage) shows the first few and a count, not a wall of toasts.
import * as cameras from './cameras.js';
import * as stream from './event-stream.js';
import { h, clock } from './util.js';

const SHOW_MS = 6000;
/** Toasts on screen at once; beyond, one line counts the rest. */
const MAX_SHOWN = 4;

/** Starts the alerts; returns the function that stops them. */
export function start() {
  const box = document.getElementById('toast');
  let hidden = 0;
  let more = null;
  const countMore = () => {
    hidden++;
    if (!more) {
      more = h('div.alert.more');
      box.append(more);
      setTimeout(() => { more.remove(); more = null; hidden = 0; }, SHOW_MS);
    }
    more.textContent = `and ${hidden} more events (see Events)`;
  };
  const unsubscribe = stream.subscribe((e) => {
    if (e.to) return;
    if (box.querySelectorAll('.alert:not(.more)').length >= MAX_SHOWN) {
      countMore();
      return;
    }
    const c = cameras.byId(e.cameraId);
    const img = h('img', { alt: '', width: 80, height: 45 });
    stream.thumbnail(e).then((src) => { if (src) img.src = src; });
    const el = h('div.alert', { dataset: { id: e.id, camera: e.cameraId }, title: 'play the event',
      onclick: () => { location.hash = stream.playbackHash(e); el.remove(); } }, img,
    h('span', {}, h('b', {}, c ? c.name : 'camera'), ` ${stream.what(e)} · ${clock(new Date(e.from))}`));
    box.append(el);
    setTimeout(() => el.remove(), SHOW_MS);
  });
  return () => {
    unsubscribe();
    box.querySelectorAll('.alert').forEach((el) => el.remove());
  };
}
