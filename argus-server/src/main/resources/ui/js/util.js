// Small helpers shared by the pages: elements, times, sizes and messages to the operator.

/** Creates an element: h('button.primary', {onclick}, 'Save'). */
export function h(spec, props = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && k !== 'list' && k !== 'form') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A message in the corner for a few seconds; `bad` for errors. */
export function toast(text, bad = false) {
  const box = document.getElementById('toast');
  const el = h('div' + (bad ? '.bad' : ''), {}, text);
  box.append(el);
  setTimeout(() => el.remove(), bad ? 8000 : 4000);
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Local time of day with seconds. */
export function clock(d) { return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`; }

/** Local date and time with seconds, e.g. 2026-11-23 14:05:09. */
export function stamp(d) { return `${day(d)} ${clock(d)}`; }

/** Local calendar day, YYYY-MM-DD. */
export function day(d) { return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; }

/** The value of an <input type="datetime-local" step="1"> for a Date. */
export function toLocalInput(d) { return `${day(d)}T${clock(d)}`; }

/** A Date from an <input type="datetime-local"> value (local time), or null. */
export function fromLocalInput(v) {
  if (!v) return null;
  const d = new Date(v);
  return isNaN(d.getTime()) ? null : d;
}

export function bytes(n) {
  if (n === null || n === undefined) return '–';
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
  return (i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)) + ' ' + u[i];
}

/** The CSS class of a camera state: live, down (needs attention) or wait. */
export function stateClass(state) {
  if (state === 'live') return 'live';
  if (state === 'failed' || state === 'retrying') return 'down';
  return 'wait';
}

/** Words for a camera state in a badge. */
export function stateWord(state) {
  return { live: 'LIVE', failed: 'DOWN', retrying: 'DOWN', connecting: 'CONNECTING', disabled: 'DISABLED',
    waiting: 'WAITING' }[state] || (state || 'UNKNOWN').toUpperCase();
}

/** The local time zone, for the timeline API. */
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
