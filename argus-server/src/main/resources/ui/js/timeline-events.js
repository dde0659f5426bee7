// Event marks on the playback timeline, beside the bookmarks: a camera's events of the day (the search, newest
// first) as red ticks under the bookmarks' row; an event that lasts runs to now.
import * as api from './api.js';

/** Marks drawn per day at most: a busy camera's day of motion still draws at once; beyond, the legend says so. */
const MAX_MARKS = 1000;

/** The camera's events that start in [from, to) (Dates' times in ms): [{from, to, type}], and whether more exist. */
export async function loadEvents(cameraId, from, to) {
  const q = new URLSearchParams({ camera: cameraId, from: new Date(from).toISOString(),
    to: new Date(to).toISOString(), limit: MAX_MARKS });
  const r = await api.get('/api/v1/events?' + q);
  return { marks: r.events.map((e) => ({ id: e.id, from: Date.parse(e.from), to: e.to ? Date.parse(e.to) : null,
    type: e.type })), more: !!r.next };
}

/** Draws the marks between y and y + height; `xAt` maps a time to the canvas. */
export function drawEvents(g, marks, xAt, y, height, color) {
  g.fillStyle = color;
  const now = Date.now();
  for (const m of marks) {
    const x1 = xAt(m.from);
    const x2 = xAt(m.to === null ? now : m.to);
    g.fillRect(x1, y, Math.max(2, x2 - x1), height);
  }
}
