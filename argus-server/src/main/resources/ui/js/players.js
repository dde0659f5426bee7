// Video players. Live: fMP4 over WebSocket into Media Source Extensions (first picture in tens of milliseconds),
// with LL-HLS through hls.js as the fallback. Recorded: an HLS playlist of the range through hls.js.
// Every player owns exactly one <video>, keeps its buffer bounded, and frees everything in close().

/** Seconds of decoded video kept behind the playhead; older ranges are removed from the SourceBuffer. */
const KEEP_BEHIND_S = 4;
/** How far behind the live edge a live picture may fall before it jumps to the edge (a stall, a hidden tab). */
const MAX_LIVE_LAG_S = 0.8;
/** Fragments waiting for the SourceBuffer (one per frame: 10 s at 25 fps); past it, drop them and resync. */
const MAX_QUEUE = 250;
/** LL-HLS plays at CATCH_UP_RATE while more than this is buffered ahead: two parts of 0.3 s stay as a cushion. */
const CATCH_UP_ABOVE_S = 0.6;
const CATCH_UP_RATE = 1.15;
/** A live WebSocket that delivers no video within this time gives way to LL-HLS. */
const WS_FIRST_FRAME_TIMEOUT_MS = 4000;
/**
 * How a player says the browser cannot decode the camera's codec (Chromium on Linux and H.265): the live player then
 * asks the server for the camera's shared H.264 transcode (`?rendition=h264`) instead of giving up.
 */
const CODEC_UNSUPPORTED = 'this browser cannot play ';
/**
 * How a player says the node refused the transcode it needs (503 transcode_full: every transcode place is taken). A
 * tile then shows the camera's refreshing snapshot instead of a black box, and tries the video again later.
 */
const TRANSCODE_REFUSED = 'the node cannot transcode now: ';
/** How long a tile shows snapshots before it asks for the video again. */
const STILLS_RETRY_MS = 15000;

/** `url` with `?rendition=…` (or `&rendition=…`) added. */
function withRendition(url, rendition) {
  return rendition ? url + (url.includes('?') ? '&' : '?') + 'rendition=' + encodeURIComponent(rendition) : url;
}

/** Frames presented per second, from the decoder's counter, averaged over the last sampling period. */
class FpsMeter {
  constructor(video) { this.video = video; this.frames = 0; this.at = performance.now(); this.fps = 0; }
  sample() {
    const q = this.video.getVideoPlaybackQuality ? this.video.getVideoPlaybackQuality() : null;
    const now = performance.now();
    if (!q) return this.fps;
    const n = q.totalVideoFrames - q.droppedVideoFrames;
    if (now - this.at >= 900) {
      // Smoothed: frames arrive in bursts after a stall, and a jumping figure helps nobody.
      const current = Math.max(0, (n - this.frames) * 1000 / (now - this.at));
      this.fps = this.fps === 0 ? current : 0.7 * this.fps + 0.3 * current;
      this.frames = n;
      this.at = now;
    }
    return this.fps;
  }
}

function onFirstFrame(video, fn) {
  if ('requestVideoFrameCallback' in video) {
    video.requestVideoFrameCallback((now) => fn(now));
  } else {
    video.addEventListener('loadeddata', () => fn(performance.now()), { once: true });
  }
}

/** Live fMP4 over WebSocket into MSE: a text header with the MIME type, the init segment, one fragment per frame. */
export class WsLivePlayer extends EventTarget {
  constructor(video, url) {
    super();
    this.video = video;
    this.url = url;
    this.queue = [];
    this.sb = null;
    this.closed = false;
    this.firstFrameMs = null;
    this.fps = new FpsMeter(video);
    this.lastTrim = 0;
    this.bytes = 0;
  }

  start() {
    this.t0 = performance.now();
    this.ms = new MediaSource();
    this.objectUrl = URL.createObjectURL(this.ms);
    this.video.muted = true;
    this.video.src = this.objectUrl;
    const opened = new Promise((res) => this.ms.addEventListener('sourceopen', res, { once: true }));
    onFirstFrame(this.video, (now) => {
      if (this.closed) return;
      this.firstFrameMs = now - this.t0;
      this.dispatchEvent(new CustomEvent('firstframe', { detail: this.firstFrameMs }));
    });
    // Video arriving without a picture yet means a busy decoder, which LL-HLS would only make busier: wait on.
    const watchdog = () => {
      if (this.firstFrameMs !== null || this.closed) return;
      if (this.bytes === 0) this.fail('no picture over WebSocket');
      else this.timer = setTimeout(watchdog, WS_FIRST_FRAME_TIMEOUT_MS);
    };
    this.timer = setTimeout(watchdog, WS_FIRST_FRAME_TIMEOUT_MS);
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onmessage = async (e) => {
      if (this.closed) return;
      if (typeof e.data === 'string') {
        const header = JSON.parse(e.data);
        if (!window.MediaSource || !MediaSource.isTypeSupported(header.mime)) {
          this.fail(CODEC_UNSUPPORTED + header.codecs);
          return;
        }
        await opened;
        if (this.closed) return;
        this.sb = this.ms.addSourceBuffer(header.mime);
        this.sb.mode = 'segments';
        this.sb.addEventListener('updateend', () => this.pump());
        this.pump();
        return;
      }
      this.bytes += e.data.byteLength;
      if (this.queue.length >= MAX_QUEUE) {
        // The page was asleep: what is queued is stale. Start again from the next connection's keyframe.
        this.fail('fell behind');
        return;
      }
      this.queue.push(e.data);
      this.pump();
    };
    ws.onclose = (e) => {
      if (!this.closed) this.fail(e.code === 1001 ? 'camera stream ended' : 'connection closed (' + e.code + ')');
    };
    ws.onerror = () => {};
    return this;
  }

  pump() {
    const sb = this.sb;
    if (this.closed || !sb || sb.updating) return;
    const v = this.video;
    const b = sb.buffered;
    if (b.length > 0) {
      const end = b.end(b.length - 1);
      if (v.currentTime < b.start(0) || end - v.currentTime > MAX_LIVE_LAG_S) {
        v.currentTime = Math.max(b.start(b.length - 1), end - 0.05);
      }
      // Chase the newest frame gently: a slightly faster picture closes small lags without a visible jump.
      v.playbackRate = end - v.currentTime > CATCH_UP_ABOVE_S / 2 ? CATCH_UP_RATE : 1;
      const now = performance.now();
      if (now - this.lastTrim > 2000 && v.currentTime - b.start(0) > KEEP_BEHIND_S * 2) {
        this.lastTrim = now;
        sb.remove(0, v.currentTime - KEEP_BEHIND_S);
        return;
      }
      if (v.paused && !this.playRequested) {
        this.playRequested = true;
        v.play().catch(() => { this.playRequested = false; });
      }
    }
    const next = this.queue.shift();
    if (!next) return;
    try {
      sb.appendBuffer(next);
    } catch (e) {
      this.fail('the browser refused video data: ' + e.name);
    }
  }

  fail(reason) {
    if (this.closed) return;
    this.close();
    this.dispatchEvent(new CustomEvent('failed', { detail: reason }));
  }

  /** Seconds the picture is behind the newest frame received. */
  lag() {
    const b = this.sb && !this.closed ? this.sb.buffered : null;
    return b && b.length ? b.end(b.length - 1) - this.video.currentTime : null;
  }

  bufferedSeconds() {
    const b = this.sb && !this.closed ? this.sb.buffered : null;
    let s = 0;
    if (b) for (let i = 0; i < b.length; i++) s += b.end(i) - b.start(i);
    return s;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.queue = [];
    if (this.ws) {
      this.ws.onmessage = null;
      this.ws.onclose = null;
      this.ws.close();
    }
    this.video.pause();
    this.video.removeAttribute('src');
    this.video.load();
    URL.revokeObjectURL(this.objectUrl);
  }
}

/** Live LL-HLS through hls.js in low-latency mode. */
export class HlsLivePlayer extends EventTarget {
  constructor(video, url) {
    super();
    this.video = video;
    this.url = url;
    this.closed = false;
    this.firstFrameMs = null;
    this.fps = new FpsMeter(video);
  }

  start() {
    this.t0 = performance.now();
    const Hls = window.Hls;
    if (!Hls || !Hls.isSupported()) {
      queueMicrotask(() => this.dispatchEvent(new CustomEvent('failed', { detail: 'this browser cannot play HLS' })));
      return this;
    }
    // hls.js 1.4 adds a second to its target latency for every stall (there is usually one at start) and speeds
    // up only with over a second buffered ahead, so it settles about 2 s behind. Its rate control is off
    // (maxLiveSyncPlaybackRate 1); instead the picture plays a little faster whenever video is buffered ahead.
    this.hls = new Hls({ lowLatencyMode: true, backBufferLength: KEEP_BEHIND_S, liveDurationInfinity: true,
      maxLiveSyncPlaybackRate: 1 });
    this.catchUp = setInterval(() => {
      const v = this.video;
      const b = v.buffered;
      if (v.paused || !b.length) return;
      const ahead = b.end(b.length - 1) - v.currentTime;
      v.playbackRate = ahead > CATCH_UP_ABOVE_S ? CATCH_UP_RATE : 1;
    }, 200);
    this.video.muted = true;
    onFirstFrame(this.video, (now) => {
      if (this.closed) return;
      this.firstFrameMs = now - this.t0;
      this.dispatchEvent(new CustomEvent('firstframe', { detail: this.firstFrameMs }));
    });
    this.hls.on(Hls.Events.MANIFEST_PARSED, () => this.video.play().catch(() => {}));
    this.hls.on(Hls.Events.ERROR, (e, d) => {
      if (d.fatal && !this.closed) {
        this.close();
        // hls.js reports a codec MSE cannot take as bufferAddCodecError (or incompatible codecs at the manifest).
        const codec = d.details === 'bufferAddCodecError' || d.details === 'manifestIncompatibleCodecsError';
        const refused = d.response && d.response.code === 503;
        this.dispatchEvent(new CustomEvent('failed', { detail: refused
          ? TRANSCODE_REFUSED + 'every transcode place is taken (503)'
          : (codec ? CODEC_UNSUPPORTED + 'the camera\'s codec: ' : '') + 'live HLS failed: ' + d.details }));
      }
    });
    this.hls.loadSource(this.url);
    this.hls.attachMedia(this.video);
    return this;
  }

  /** Seconds behind the live edge, as hls.js measures it. */
  lag() { return this.hls ? this.hls.latency : null; }

  bufferedSeconds() {
    const b = this.video.buffered;
    let s = 0;
    for (let i = 0; i < b.length; i++) s += b.end(i) - b.start(i);
    return s;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.catchUp);
    if (this.hls) this.hls.destroy();
    this.video.playbackRate = 1;
    this.video.removeAttribute('src');
    this.video.load();
  }
}

/** How long WebRTC may take to connect and show a first picture before the tile falls back to the WebSocket. */
const WHEP_FIRST_FRAME_TIMEOUT_MS = 4000;
/** How long a WebRTC session may stay disconnected (no answer to the browser's consent checks) before a restart. */
const WHEP_DISCONNECTED_MS = 3000;

/**
 * Live WebRTC over WHEP (docs/webrtc.md): a receive-only video transceiver, the offer POSTed to the camera's signed
 * `whep` URL, the answer applied; DELETE on the session's Location when closed.
 */
export class WhepLivePlayer extends EventTarget {
  constructor(video, url) {
    super();
    this.video = video;
    this.url = url;
    this.closed = false;
    this.firstFrameMs = null;
    this.fps = new FpsMeter(video);
  }

  start() {
    this.t0 = performance.now();
    this.video.muted = true;
    onFirstFrame(this.video, (now) => {
      if (this.closed) return;
      this.firstFrameMs = now - this.t0;
      clearTimeout(this.timer);
      this.dispatchEvent(new CustomEvent('firstframe', { detail: this.firstFrameMs }));
    });
    // Not connected in time means a path that drops UDP: the WebSocket is the way. Connected without a picture yet
    // means a busy decoder, which another transport would only make busier: wait on.
    const watchdog = () => {
      if (this.firstFrameMs !== null || this.closed) return;
      if (this.pc && this.pc.connectionState === 'connected') {
        this.timer = setTimeout(watchdog, WHEP_FIRST_FRAME_TIMEOUT_MS);
      } else {
        this.fail('no picture over WebRTC');
      }
    };
    this.timer = setTimeout(watchdog, WHEP_FIRST_FRAME_TIMEOUT_MS);
    this.connect().catch((e) => this.fail('WebRTC: ' + e.message));
    return this;
  }

  async connect() {
    const pc = new RTCPeerConnection();
    this.pc = pc;
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.ontrack = (e) => {
      this.video.srcObject = e.streams[0] || new MediaStream([e.track]);
      this.video.play().catch(() => {});
    };
    pc.onconnectionstatechange = () => {
      const state = pc.connectionState;
      clearTimeout(this.disconnected);
      if (state === 'failed' || state === 'closed') this.fail('WebRTC ' + state);
      // The node ends a session when its camera's stream ends and stops answering consent checks; the browser
      // calls that 'disconnected' within seconds but 'failed' only much later. Start again sooner.
      if (state === 'disconnected') {
        this.disconnected = setTimeout(() => this.fail('WebRTC disconnected'), WHEP_DISCONNECTED_MS);
      }
    };
    await pc.setLocalDescription(await pc.createOffer());
    const r = await fetch(this.url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' },
      body: pc.localDescription.sdp });
    const body = await r.text();
    if (r.status !== 201) throw new Error(r.status + ' ' + body);
    this.location = r.headers.get('Location');
    if (this.closed) { this.end(); return; }
    await pc.setRemoteDescription({ type: 'answer', sdp: body });
  }

  fail(reason) {
    if (this.closed) return;
    this.close();
    this.dispatchEvent(new CustomEvent('failed', { detail: reason }));
  }

  /** WebRTC plays as soon as it decodes: what it holds back is its jitter buffer, not a lag to report. */
  lag() { return null; }

  bufferedSeconds() { return 0; }

  end() {
    if (this.location) fetch(this.location, { method: 'DELETE' }).catch(() => {});
    this.location = null;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.disconnected);
    this.end();
    if (this.pc) this.pc.close();
    this.video.pause();
    this.video.srcObject = null;
  }
}

/**
 * A live picture for a tile or the camera view: WebRTC (WHEP) first, then the WebSocket, then LL-HLS, each when the
 * one before fails before its first picture,
 * and a fresh attempt (with fresh signed URLs from `urls()`) a few seconds after a stream ends.
 * Events: 'playing' (detail: {transport, firstFrameMs}), 'down' (detail: reason), 'stills' (detail: {snapshot,
 * reason}: no video can be shown now, show the snapshot URL instead).
 */
export class LivePlayer extends EventTarget {
  constructor(video, urls) {
    super();
    this.video = video;
    this.urls = urls;
    this.closed = false;
    this.player = null;
    this.transport = null;
    /** Set to 'h264' once the browser proved unable to decode the camera's own codec. */
    this.rendition = null;
  }

  /** @param from where to start: 'webrtc', 'ws' or 'hls'; each falls back to the next before its first picture. */
  async start(from = 'webrtc') {
    if (this.closed) return this;
    let u;
    try {
      u = await this.urls();
    } catch (e) {
      this.retry(e.message);
      return this;
    }
    if (this.closed) return this;
    const kind = from === 'webrtc' && !window.RTCPeerConnection ? 'ws' : from;
    const hls = kind === 'hls' || !window.MediaSource && kind === 'ws';
    // The signed URL is per camera, so the playlist's signature signs the camera's whep path too. WebRTC carries the
    // camera's own codec or nothing: a browser that offers no codec of the camera's ends up on WebSocket, which asks
    // for the H.264 rendition when it cannot decode the camera's.
    const p = kind === 'webrtc' ? new WhepLivePlayer(this.video, u.live.replace('/live.m3u8', '/whep'))
      : hls ? new HlsLivePlayer(this.video, withRendition(u.live, this.rendition))
      : new WsLivePlayer(this.video, withRendition(u.liveWs, this.rendition));
    this.player = p;
    this.transport = (kind === 'webrtc' ? 'WebRTC' : hls ? 'LL-HLS' : 'WebSocket')
      + (this.rendition && kind !== 'webrtc' ? ' (' + this.rendition + ')' : '');
    p.addEventListener('firstframe', (e) => this.dispatchEvent(new CustomEvent('playing',
      { detail: { transport: this.transport, firstFrameMs: e.detail } })));
    p.addEventListener('failed', (e) => {
      if (this.closed) return;
      this.player = null;
      if (this.rendition && String(e.detail).startsWith(TRANSCODE_REFUSED)) {
        // The browser cannot decode the camera and the node cannot transcode it: stills, and the video later.
        this.dispatchEvent(new CustomEvent('stills', { detail: { snapshot: u.snapshot, reason: e.detail } }));
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.start(), STILLS_RETRY_MS);
      } else if (!this.rendition && kind !== 'webrtc' && p.firstFrameMs === null
        && String(e.detail).startsWith(CODEC_UNSUPPORTED)) {
        // The same transport again, now with the server's H.264 transcode of the camera.
        this.rendition = 'h264';
        this.start(kind);
      } else if (!hls && p.firstFrameMs === null && e.detail !== 'camera stream ended') {
        this.start(kind === 'webrtc' ? 'ws' : 'hls');
      } else {
        this.retry(e.detail);
      }
    });
    p.start();
    return this;
  }

  retry(reason) {
    this.dispatchEvent(new CustomEvent('down', { detail: reason }));
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.start(), 3000);
  }

  fps() { return this.player ? this.player.fps.sample() : 0; }
  lag() { return this.player ? this.player.lag() : null; }
  bufferedSeconds() { return this.player ? this.player.bufferedSeconds() : 0; }

  close() {
    this.closed = true;
    clearTimeout(this.retryTimer);
    if (this.player) this.player.close();
    this.player = null;
  }
}

/**
 * Recorded video of a range through hls.js, starting at `from` (a Date) exactly: the playlist begins at the keyframe
 * before it, so loading starts at from's offset after the first segment's program date-time.
 */
export class PlaybackPlayer extends EventTarget {
  constructor(video, url, from) {
    super();
    this.video = video;
    this.url = url;
    this.from = from;
    this.closed = false;
  }

  start(rate = 1) {
    const Hls = window.Hls;
    this.rate = rate;
    /** 'h264' once the browser proved unable to decode the recording's codec: the server transcodes it then. */
    this.rendition = this.rendition || null;
    this.hls = new Hls({ autoStartLoad: false, maxBufferLength: 30, backBufferLength: 30, enableWorker: true });
    this.video.muted = true;
    let started = false;
    this.hls.on(Hls.Events.LEVEL_LOADED, (e, d) => {
      if (started) return;
      started = true;
      const f0 = d.details.fragments[0];
      const offset = f0 && f0.programDateTime ? (this.from.getTime() - f0.programDateTime) / 1000 : 0;
      this.startPosition = Math.max(0, (f0 ? f0.start : 0) + offset);
      this.hls.startLoad(this.startPosition);
    });
    this.video.addEventListener('canplay', () => {
      if (this.closed) return;
      this.video.playbackRate = this.rate;
      this.video.play().catch(() => {});
    }, { once: true });
    this.onEnded = () => this.dispatchEvent(new Event('ended'));
    this.video.addEventListener('ended', this.onEnded);
    this.hls.on(Hls.Events.ERROR, (e, d) => {
      if (d.fatal && !this.closed && !this.rendition && !this.played
        && (d.details === 'bufferAddCodecError' || d.details === 'manifestIncompatibleCodecsError')) {
        // As live does: the same range again as the server's H.264 transcode of the recording.
        this.hls.destroy();
        this.video.removeEventListener('ended', this.onEnded);
        this.rendition = 'h264';
        this.dispatchEvent(new CustomEvent('rendition', { detail: this.rendition }));
        this.start(this.rate);
        return;
      }
      if (d.fatal && !this.closed) {
        const status = d.response && d.response.code;
        this.dispatchEvent(new CustomEvent('failed', { detail: status === 503
          ? 'This browser cannot play the camera\'s codec and the node cannot transcode it now; try again later.'
          : status === 404
          ? 'Nothing was recorded at that time.' : 'Playback failed (' + d.details + ').' }));
        this.close();
      }
    });
    onFirstFrame(this.video, () => { this.played = true; });
    this.hls.loadSource(withRendition(this.url, this.rendition));
    this.hls.attachMedia(this.video);
    return this;
  }

  /** The wall-clock time of the picture shown, from the playlist's program date-times. */
  playingDate() { return this.hls ? this.hls.playingDate : null; }

  setRate(r) {
    this.rate = r;
    this.video.playbackRate = r;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.video.removeEventListener('ended', this.onEnded);
    if (this.hls) this.hls.destroy();
    this.video.removeAttribute('src');
    this.video.load();
  }
}
