// One camera: live, or playback from any time (timeline, a typed time, ±10 s, an event's span when opened as
// #/camera/<id>/<from>/<to>) at 1/2/4/8×, back to live, snapshot, bookmark and export of a range as MP4.
import * as api from './api.js';
import * as cameras from './cameras.js';
import { LivePlayer, PlaybackPlayer } from './players.js';
import { h, stamp, toLocalInput, fromLocalInput, stateClass, stateWord, toast } from './util.js';
import './timeline.js';
import './ptz.js';

const SPEEDS = [1, 2, 4, 8];
/** Length of the playlist asked for at once; at its end playback goes on with the next one. */
const PLAYBACK_WINDOW_MS = 30 * 60000;
/** The server's longest export. */
const MAX_EXPORT_MS = 24 * 3600000;
/** Playback of an event starts this long before it: what set it off usually began a moment earlier. */
const EVENT_PRE_ROLL_MS = 3000;
/** Signed URLs are asked for an hour and renewed after this long. */
const URL_RENEW_MS = 50 * 60000;

class CameraView extends HTMLElement {
  connectedCallback() {
    this.style.display = 'contents';
    this.rate = 1;
    this.mode = null;
    this.video = h('video', { muted: true, playsInline: true, autoplay: true });
    this.nameEl = h('span.name');
    this.badge = h('span.badge');
    this.stateBadge = h('span.badge');
    this.pos = h('span.pos', { id: 'position' });
    this.msg = h('span.msg', { id: 'camera-message' });
    this.gotoInput = h('input', { type: 'datetime-local', step: 1, id: 'goto-time', title: 'play from this time',
      onkeydown: (e) => { if (e.key === 'Enter') this.gotoTyped(); } });
    this.fromInput = h('input', { type: 'datetime-local', step: 1, id: 'export-from' });
    this.toInput = h('input', { type: 'datetime-local', step: 1, id: 'export-to' });
    this.noteInput = h('input', { id: 'bookmark-note', placeholder: 'Bookmark note', size: 16, maxLength: 1000 });
    this.speedButtons = SPEEDS.map((s) => h('button', { dataset: { speed: s }, title: `${s}× (keys [ and ])`,
      onclick: () => this.setRate(s) }, s + '×'));
    this.liveButton = h('button', { id: 'go-live', onclick: () => this.goLive() }, 'Live', h('kbd', {}, 'L'));
    this.pauseButton = h('button', { id: 'pause', onclick: () => this.togglePause() }, 'Pause');
    this.timeline = document.createElement('argus-timeline');
    this.timeline.cameraId = this.cameraId;
    this.timeline.addEventListener('seek', (e) => this.playAt(e.detail));
    this.timeline.addEventListener('select', (e) => {
      this.fromInput.value = toLocalInput(e.detail.from);
      this.toInput.value = toLocalInput(e.detail.to);
    });
    const controls = h('div.controls', {},
      h('button', { onclick: () => { location.hash = '#/wall'; }, title: 'back to the wall (W)' }, '◂ Wall'),
      h('span.sep'), this.liveButton, this.pauseButton,
      h('button', { onclick: () => this.skip(-10000), title: '10 s back (←)' }, '−10 s'),
      h('button', { onclick: () => this.skip(10000), title: '10 s forward (→)' }, '+10 s'),
      h('span.group', {}, ...this.speedButtons), this.pos,
      h('span.sep'), h('span.group', {}, this.gotoInput,
        h('button', { id: 'goto-play', onclick: () => this.gotoTyped() }, 'Play from')),
      h('span.sep'), h('button', { id: 'snapshot', onclick: () => this.snapshot() }, 'Snapshot', h('kbd', {}, 'S')),
      h('span.group', {}, this.noteInput,
        h('button', { id: 'bookmark', onclick: () => this.bookmark() }, 'Bookmark', h('kbd', {}, 'B'))),
      h('a', { href: `#/analytics/${encodeURIComponent(this.cameraId)}`, id: 'zones-link',
        title: 'zones, lines and rules drawn on a snapshot' }, 'Zones & rules'),
      h('span.sep'), h('span.group', {}, this.fromInput, '–', this.toInput,
        h('button.primary', { id: 'export', onclick: () => this.exportRange() }, 'Export MP4', h('kbd', {}, 'E'))),
      this.msg);
    const ptz = document.createElement('argus-ptz');
    ptz.cameraId = this.cameraId;
    this.replaceChildren(h('div.camview', {}, h('div.stage', {}, this.video,
      h('div.overlay', {}, this.nameEl, this.stateBadge, h('span.spacer'), this.badge)), controls, ptz, this.timeline));
    this.onKey = (e) => this.key(e);
    document.addEventListener('keydown', this.onKey);
    this.unsubscribe = cameras.subscribe(() => this.updateCamera());
    this.ticker = setInterval(() => this.tick(), 250);
    const now = new Date();
    this.fromInput.value = toLocalInput(new Date(now.getTime() - 60000));
    this.toInput.value = toLocalInput(new Date(now.getTime() - 50000));
    this.gotoInput.value = toLocalInput(new Date(now.getTime() - 60000));
    if (this.playFrom) {
      // Opened at an event: its span is the selected range (ready to export) and playback starts just before it
      // (live when that is the last seconds: an alert clicked at once shows the camera now).
      this.fromInput.value = toLocalInput(this.playFrom);
      this.toInput.value = toLocalInput(this.playTo || this.playFrom);
      this.timeline.selection = { from: this.playFrom, to: this.playTo || this.playFrom };
      this.playAt(new Date(this.playFrom.getTime() - EVENT_PRE_ROLL_MS));
    } else {
      this.goLive();
    }
  }

  disconnectedCallback() {
    document.removeEventListener('keydown', this.onKey);
    this.unsubscribe();
    clearInterval(this.ticker);
    this.closePlayer();
  }

  camera() { return cameras.byId(this.cameraId); }

  updateCamera() {
    const c = this.camera();
    if (!c) {
      this.nameEl.textContent = 'Camera not found';
      return;
    }
    const state = c.status ? c.status.state : 'unknown';
    this.nameEl.textContent = c.name;
    this.stateBadge.className = 'badge ' + stateClass(state);
    this.stateBadge.textContent = stateWord(state);
    document.title = 'Argus · ' + c.name;
  }

  /** Signed URLs for this camera, kept until shortly before they expire. */
  async urls() {
    if (!this.urlCache || Date.now() - this.urlCache.at > URL_RENEW_MS) {
      this.urlCache = { at: Date.now(), urls: await api.mediaUrls(this.cameraId) };
    }
    return this.urlCache.urls;
  }

  closePlayer() {
    if (this.player) this.player.close();
    this.player = null;
  }

  say(text) { this.msg.textContent = text || ''; }

  goLive() {
    this.closePlayer();
    this.mode = 'live';
    this.dataset.mode = 'live';
    this.say('');
    this.badge.className = 'badge live';
    this.badge.textContent = 'LIVE';
    this.speedButtons.forEach((b) => { b.disabled = true; b.classList.remove('on'); });
    this.liveButton.classList.add('on');
    const p = new LivePlayer(this.video, () => this.urls());
    p.addEventListener('down', (e) => this.say('No live picture: ' + e.detail));
    p.addEventListener('playing', () => this.say(''));
    this.player = p;
    p.start();
  }

  /** Plays the recordings from `at` (a Date); from a time in the future (or the last seconds), goes live. */
  async playAt(at) {
    if (at.getTime() > Date.now() - 2000) {
      this.goLive();
      return;
    }
    this.closePlayer();
    this.mode = 'playback';
    this.dataset.mode = 'playback';
    // Until the player shows a picture, the position is the time asked for, never the live clock of before.
    this.playingFrom = at;
    this.tick();
    this.say('');
    this.badge.className = 'badge play';
    this.badge.textContent = 'PLAYBACK';
    this.liveButton.classList.remove('on');
    this.speedButtons.forEach((b) => { b.disabled = false; });
    this.markRate();
    const to = new Date(Math.min(at.getTime() + PLAYBACK_WINDOW_MS, Date.now()));
    let urls;
    try {
      urls = await this.urls();
    } catch (e) {
      this.say(e.message);
      return;
    }
    if (this.mode !== 'playback') return;
    const p = new PlaybackPlayer(this.video, api.withRange(urls.playback, at, to), at);
    this.player = p;
    this.timeline.setPlayhead(at);
    delete this.dataset.rendition;
    p.addEventListener('failed', (e) => {
      this.say(e.detail + ' The green parts of the timeline are recorded.');
    });
    // The browser cannot decode the camera's codec: the recording plays as the node's H.264 transcode.
    p.addEventListener('rendition', (e) => { this.dataset.rendition = e.detail; });
    p.addEventListener('ended', () => {
      if (this.player !== p) return;
      if (to.getTime() > Date.now() - 5000) this.goLive();
      else this.playAt(to);
    });
    p.start(this.rate);
  }

  /** The time of the picture on screen. */
  position() {
    if (this.mode === 'playback') {
      return (this.player && this.player.playingDate && this.player.playingDate()) || this.playingFrom;
    }
    return new Date();
  }

  tick() {
    const d = this.position();
    const q = this.video.getVideoPlaybackQuality ? this.video.getVideoPlaybackQuality() : null;
    this.pos.textContent = (this.mode === 'live' ? 'LIVE ' : '') + stamp(d) + (this.mode === 'playback'
      ? ` · ${this.rate}×` : '');
    this.dataset.position = d.toISOString();
    this.dataset.frames = q ? q.totalVideoFrames : 0;
    this.pauseButton.textContent = this.video.paused ? 'Play' : 'Pause';
    if (!this.timeline.dragging) this.timeline.setPlayhead(d);
  }

  setRate(r) {
    this.rate = r;
    if (this.mode === 'playback' && this.player) this.player.setRate(r);
    this.markRate();
  }

  markRate() {
    this.speedButtons.forEach((b) => b.classList.toggle('on', Number(b.dataset.speed) === this.rate));
  }

  togglePause() {
    if (this.mode === 'live') {
      // Pausing live means freezing the picture: keep it as playback from now.
      this.playAt(new Date(Date.now() - 3000)).then(() => this.video.pause());
      return;
    }
    if (this.video.paused) this.video.play().catch(() => {});
    else this.video.pause();
  }

  skip(ms) {
    this.playAt(new Date(this.position().getTime() + ms));
  }

  gotoTyped() {
    const d = fromLocalInput(this.gotoInput.value);
    if (!d) {
      this.say('Type a date and time to play from.');
      return;
    }
    this.playAt(d);
  }

  async snapshot() {
    const c = this.camera();
    const name = `${fileBase(c, this.position())}.jpg`;
    if (this.mode === 'live') {
      try {
        download((await this.urls()).snapshot, name);
        toast('Snapshot saved as ' + name);
      } catch (e) {
        this.say(e.message);
      }
      return;
    }
    // A recorded picture: the frame on screen, at the camera's resolution.
    const cv = h('canvas', { width: this.video.videoWidth, height: this.video.videoHeight });
    cv.getContext('2d').drawImage(this.video, 0, 0);
    cv.toBlob((blob) => {
      const url = URL.createObjectURL(blob);
      download(url, name);
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      toast('Snapshot saved as ' + name);
    }, 'image/jpeg', 0.9);
  }

  async bookmark() {
    const sel = this.selectedRange(false);
    const at = this.position().getTime();
    const from = sel ? sel.from : new Date(at - 5000);
    const to = sel ? sel.to : new Date(at + 5000);
    try {
      await api.post(`/api/v1/cameras/${this.cameraId}/bookmarks`, { from: from.toISOString(), to: to.toISOString(),
        note: this.noteInput.value || undefined });
      toast(`Bookmarked ${stamp(from)} – ${stamp(to)}; the recording there is kept until the bookmark is deleted.`);
      this.noteInput.value = '';
      this.timeline.load();
    } catch (e) {
      this.say(e.message);
    }
  }

  selectedRange(complain) {
    const from = fromLocalInput(this.fromInput.value);
    const to = fromLocalInput(this.toInput.value);
    if (!from || !to) {
      if (complain) this.say('Choose the start and end of the clip (or shift-drag on the timeline).');
      return null;
    }
    if (to <= from) {
      if (complain) this.say('The end of the clip must be after its start.');
      return null;
    }
    if (to - from > MAX_EXPORT_MS) {
      if (complain) this.say('A clip can be at most 24 hours long. Export longer periods in parts.');
      return null;
    }
    return { from, to };
  }

  async exportRange() {
    const r = this.selectedRange(true);
    if (!r) return;
    try {
      const rec = await api.get(`/api/v1/cameras/${this.cameraId}/recordings?from=${r.from.toISOString()}`
        + `&to=${r.to.toISOString()}`);
      if (!rec.spans.length) {
        this.say(`Nothing was recorded between ${stamp(r.from)} and ${stamp(r.to)}.`);
        return;
      }
      const urls = await api.mediaUrls(this.cameraId, r.from, r.to);
      const c = this.camera();
      download(api.withRange(urls.export, r.from, r.to), `${fileBase(c, r.from)}.mp4`);
      this.say('');
      toast(`Exporting ${stamp(r.from)} – ${stamp(r.to)}: the browser saves it as an MP4 file.`);
    } catch (e) {
      this.say(e.message);
    }
  }

  key(e) {
    if (e.target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key;
    if (k === 'l' || k === 'L') this.goLive();
    else if (k === ' ') { e.preventDefault(); this.togglePause(); }
    else if (k === 'ArrowLeft') this.skip(-10000);
    else if (k === 'ArrowRight' && this.mode === 'playback') this.skip(10000);
    else if (k === '[' || k === ']') {
      const i = SPEEDS.indexOf(this.rate) + (k === ']' ? 1 : -1);
      if (this.mode === 'playback' && i >= 0 && i < SPEEDS.length) this.setRate(SPEEDS[i]);
    } else if (k === 's' || k === 'S') this.snapshot();
    else if (k === 'b' || k === 'B') this.bookmark();
    else if (k === 'e' || k === 'E') this.exportRange();
  }
}

/** A file name for a camera's picture or clip at `d`: front-door_2026-11-23_140509. */
function fileBase(camera, d) {
  return `${camera ? camera.name.replace(/\//g, '_') : 'camera'}_${stamp(d).replace(' ', '_').replace(/:/g, '')}`;
}

function download(url, name) {
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

customElements.define('argus-camera-view', CameraView);
