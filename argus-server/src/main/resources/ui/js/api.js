// The UI's only door to the server: login, the bearer token (sessionStorage), API calls, signed media URLs.
// Everything about authentication lives here, so a change in how the server authenticates changes this file only.
import { describeError } from './errors.js';

const TOKEN_KEY = 'argus.token';
const USER_KEY = 'argus.user';
const listeners = new Set();

/** An API error with the operator's words in `message` and the server's code in `code`. */
export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields || {};
  }
}

export function token() { return sessionStorage.getItem(TOKEN_KEY); }
export function user() { return sessionStorage.getItem(USER_KEY); }
export function loggedIn() { return token() !== null; }

/** Called with no arguments when the session ends (logout or the server no longer knows the token). */
export function onLogout(fn) { listeners.add(fn); }

export async function login(username, password) {
  const r = await call('POST', '/api/v1/auth/login', { username, password }, { anonymous: true });
  sessionStorage.setItem(TOKEN_KEY, r.token);
  sessionStorage.setItem(USER_KEY, username);
  return r;
}

export function logout() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
  for (const fn of listeners) fn();
}

/** One API call; JSON in and out; throws ApiError with words an operator understands. */
export async function call(method, path, body, opts = {}) {
  const headers = {};
  if (!opts.anonymous && token()) headers.Authorization = 'Bearer ' + token();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the network connection; '
      + 'the page retries on its own.');
  }
  if (r.status === 204) return null;
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!r.ok) {
    const code = json && json.error ? json.error : 'http_' + r.status;
    const err = new ApiError(r.status, code, describeError(r.status, code, json && json.message, json && json.fields),
      json && json.fields);
    if (r.status === 401 && !opts.anonymous) logout();
    throw err;
  }
  return json;
}

/**
 * A GET whose answer is read as it comes (an event stream, an image) rather than as JSON: the Response, with the
 * bearer token sent, or an ApiError as `call` gives. `signal` aborts it.
 */
export async function open(path, accept, signal) {
  const headers = { Accept: accept };
  if (token()) headers.Authorization = 'Bearer ' + token();
  let r;
  try {
    r = await fetch(path, { headers, signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', describeError(0, 'network'));
  }
  if (!r.ok) {
    let json = null;
    try { json = await r.json(); } catch (e) { json = null; }
    const code = json && json.error ? json.error : 'http_' + r.status;
    if (r.status === 401) logout();
    throw new ApiError(r.status, code, describeError(r.status, code, json && json.message, json && json.fields));
  }
  return r;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const put = (path, body) => call('PUT', path, body);
export const patch = (path, body) => call('PATCH', path, body);
export const del = (path) => call('DELETE', path);

/**
 * Signed media URLs for a camera (live, liveWs, snapshot; playback and export when from/to are given, as Dates).
 * Players, <img> and downloads open them without the bearer token.
 */
export async function mediaUrls(cameraId, from, to, expiresInSeconds = 3600) {
  const body = { expiresInSeconds };
  if (from) body.from = from.toISOString();
  if (to) body.to = to.toISOString();
  const r = await post(`/api/v1/cameras/${cameraId}/media-urls`, body);
  const abs = (u) => (u ? new URL(u, location.href).href : u);
  return { ...r, snapshot: abs(r.snapshot), live: abs(r.live), liveWs: wsUrl(abs(r.liveWs)),
    playback: abs(r.playback), export: abs(r.export) };
}

/** A signed playback or export URL for the range from–to (Dates). */
export function withRange(url, from, to) {
  const u = new URL(url);
  u.searchParams.set('from', from.toISOString());
  u.searchParams.set('to', to.toISOString());
  return u.href;
}

function wsUrl(u) {
  if (!u) return u;
  const url = new URL(u, location.href);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.href;
}
