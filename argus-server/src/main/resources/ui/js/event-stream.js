// The live events of the cameras the user may see (GET /api/v1/events/stream, Server-Sent Events), one connection
// shared by the events panel and the wall's alerts while either listens. EventSource cannot send the bearer token,
// so the stream is read with fetch; the server filters by what the user may see. Also event thumbnails, which need
// the token too: fetched once and kept as data: URLs (the page's policy allows data: images, not blob: ones).
import * as api from './api.js';

const STREAM = '/api/v1/events/stream';
/** Waits before reconnecting after a failure: quick at first, then no more often than every 30 s. */
const RETRY_MS = [1000, 2000, 5000, 10000, 30000];
/** Thumbnails kept: a panel's worth of pages; the oldest go first. */
const THUMBS = 300;

const listeners = new Set();
const statusListeners = new Set();
let controller = null;
let state = 'closed';

/** Calls `fn(event)` for each new or ended event (`event.to` null while it lasts); returns the unsubscribe. */
export function subscribe(fn) {
  listeners.add(fn);
  if (!controller) connect();
  return () => {
    listeners.delete(fn);
    if (!listeners.size && controller) {
      controller.abort();
      controller = null;
      setState('closed');
    }
  };
}

/** Calls `fn(state)` now and when the stream's state changes: 'connecting', 'open', 'retrying' or 'closed'. */
export function onState(fn) {
  statusListeners.add(fn);
  fn(state);
  return () => statusListeners.delete(fn);
}

function setState(s) {
  state = s;
  for (const fn of statusListeners) fn(s);
}

async function connect() {
  const c = new AbortController();
  controller = c;
  for (let attempt = 0; controller === c && api.loggedIn(); attempt++) {
    setState(attempt ? 'retrying' : 'connecting');
    try {
      const r = await api.open(STREAM, 'text/event-stream', c.signal);
      setState('open');
      attempt = 0;
      await read(r.body, c.signal);
    } catch (e) {
      if (e.name === 'AbortError' || (e.status && e.status < 500 && e.status !== 0)) break;
    }
    if (controller !== c) return;
    await new Promise((res) => setTimeout(res, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
  }
  if (controller === c) {
    controller = null;
    setState('closed');
  }
}

/** Reads the stream's messages until it ends (HTML Living Standard §9.2.6, "Interpreting an event stream"). */
async function read(body, signal) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  signal.addEventListener('abort', () => reader.cancel().catch(() => {}), { once: true });
  let buffer = '';
  let data = [];
  let type = 'message';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (type === 'event' && data.length) dispatch(data.join('\n'));
        data = [];
        type = 'message';
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      } else if (line.startsWith('event:')) {
        type = line.slice(6).trim();
      }
    }
  }
}

function dispatch(text) {
  let event;
  try { event = JSON.parse(text); } catch (e) { return; }
  for (const fn of [...listeners]) fn(event);
}

const thumbs = new Map();

/** The event's thumbnail as a data: URL (null when it has none or it cannot be had now), fetched once. */
export function thumbnail(event) {
  if (!event.thumbnail) return Promise.resolve(null);
  let p = thumbs.get(event.thumbnail);
  if (!p) {
    p = api.open(event.thumbnail, 'image/jpeg').then((r) => r.blob()).then((b) => new Promise((res) => {
      const fr = new FileReader();
      fr.onload = () => res(fr.result);
      fr.onerror = () => res(null);
      fr.readAsDataURL(b);
    })).catch(() => {
      // Not kept: the next row or toast that shows the event asks again.
      thumbs.delete(event.thumbnail);
      return null;
    });
    thumbs.set(event.thumbnail, p);
    if (thumbs.size > THUMBS) thumbs.delete(thumbs.keys().next().value);
  }
  return p;
}

/** Words for an event: "motion", "person", "rule intruder", "camera down". */
export function what(event) {
  if (event.type === 'rule') return 'rule ' + (event.class || '');
  if (event.type === 'camera') return 'camera ' + (event.class || '');
  if (event.type === 'object') return event.class || 'object';
  return event.class && event.type !== 'motion' ? `${event.type} ${event.class}` : event.type;
}

/** The camera view's route that plays the event's span. */
export function playbackHash(event) {
  const from = new Date(event.from);
  const to = event.to && Date.parse(event.to) > from.getTime() ? new Date(event.to) : new Date(from.getTime() + 10000);
  return `#/camera/${event.cameraId}/${from.toISOString()}/${to.toISOString()}`;
}
