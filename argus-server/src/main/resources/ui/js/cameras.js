// The camera list every page shares: fetched every two seconds while someone is logged in, so states, fps and
// errors on the wall and in the admin table are at most two seconds old.
import * as api from './api.js';

const POLL_MS = 2000;
const subscribers = new Set();
let cameras = [];
let timer = null;
let lastError = null;

export function list() { return cameras; }
export function byId(id) { return cameras.find((c) => c.id === id) || null; }
export function error() { return lastError; }

/** Calls fn now (when there is a list) and after every refresh; returns the unsubscribe function. */
export function subscribe(fn) {
  subscribers.add(fn);
  if (cameras.length || lastError) fn(cameras, lastError);
  return () => subscribers.delete(fn);
}

export async function refresh() {
  try {
    const list = await api.get('/api/v1/cameras');
    cameras = list.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    lastError = null;
  } catch (e) {
    lastError = e;
  }
  for (const fn of subscribers) fn(cameras, lastError);
}

export function start() {
  if (timer) return;
  refresh();
  timer = setInterval(refresh, POLL_MS);
}

export function stop() {
  clearInterval(timer);
  timer = null;
  cameras = [];
}
