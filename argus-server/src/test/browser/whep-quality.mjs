// Part of the default test run (started by WhepQualityBrowserTest): how well WHEP plays, seen from Chromium.
// Glass to glass: an RTCRtpScriptTransform reads each received frame's bytes, finds the simulator's capture-time SEI
// (user_data_unregistered, the Argus UUID, 8 bytes of microseconds since the epoch) and keys it by RTP timestamp;
// requestVideoFrameCallback gives each shown frame's RTP timestamp and expected display time, and the difference is
// the latency from the simulated camera's capture to the glass. With params.proxy ("ip:port"), the answer's
// candidates are replaced by that address (the test's lossy UDP proxy in front of the node's port), and the page
// reports what getStats() says of the receiver: NACKs sent, frames decoded and dropped, freezes.
import { params, shot, run, tokenPage } from './browser.mjs';

// The worker: runs the receiver's encoded-frame transform (classic script, from a blob URL).
const WORKER = `
const UUID = [0x04, 0x23, 0x3b, 0x57, 0xe1, 0x58, 0x48, 0x24, 0x89, 0x22, 0xe3, 0x86, 0x4f, 0xaf, 0x01, 0x70];
// The simulator puts the SEI before the first slice, after the parameter sets: the frame's first bytes.
const SCAN = 512;
function captureMicros(b) {
  outer: for (let i = 0; i + UUID.length + 8 <= Math.min(b.length, SCAN); i++) {
    for (let k = 0; k < UUID.length; k++) if (b[i + k] !== UUID[k]) continue outer;
    // The 8 time bytes may carry emulation-prevention bytes (00 00 03): drop them while reading.
    let v = 0n, n = 0, zeros = 0;
    for (let j = i + UUID.length; j < b.length && n < 8; j++) {
      if (zeros >= 2 && b[j] === 3) { zeros = 0; continue; }
      v = (v << 8n) | BigInt(b[j]); n++;
      zeros = b[j] === 0 ? zeros + 1 : 0;
    }
    return n === 8 ? Number(v) : -1;
  }
  return -1;
}
onrtctransform = (e) => {
  const t = e.transformer;
  t.readable.pipeThrough(new TransformStream({ transform(frame, c) {
    const cap = captureMicros(new Uint8Array(frame.data));
    if (cap > 0) postMessage([frame.getMetadata().rtpTimestamp, cap, performance.timeOrigin + performance.now()]);
    c.enqueue(frame);
  } })).pipeTo(t.writable);
};`;

await run(async (browser) => {
  const { page, token } = await tokenPage(browser, { width: 1280, height: 720 });
  const r = await page.evaluate(async ({ camera, token, proxy, seconds, worker }) => {
    const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
    const out = {};
    const pc = new RTCPeerConnection();
    const transceiver = pc.addTransceiver('video', { direction: 'recvonly' });
    const captures = new Map();
    const w = new Worker(URL.createObjectURL(new Blob([worker], { type: 'text/javascript' })));
    w.onmessage = (e) => captures.set(e.data[0], { capture: e.data[1] / 1000, received: e.data[2] });
    transceiver.receiver.transform = new RTCRtpScriptTransform(w, {});
    const video = document.createElement('video');
    video.muted = true; video.autoplay = true; video.playsInline = true; video.width = 640; video.height = 360;
    document.body.appendChild(video);
    pc.ontrack = (e) => { video.srcObject = e.streams[0] || new MediaStream([e.track]); };
    await pc.setLocalDescription(await pc.createOffer());
    const res = await fetch(`/api/v1/cameras/${camera}/whep`, { method: 'POST',
      headers: { 'Content-Type': 'application/sdp', Authorization: 'Bearer ' + token }, body: pc.localDescription.sdp });
    let answer = await res.text();
    out.status = res.status;
    if (res.status !== 201) { out.body = answer; return out; }
    if (proxy) {
      const [ip, port] = proxy.split(':');
      answer = answer.replace(/a=candidate:[^\r\n]*\r\n/g, '').replace('a=end-of-candidates',
        `a=candidate:1 1 UDP 2130706431 ${ip} ${port} typ host\r\na=end-of-candidates`);
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    // [display - capture, receive - capture] per shown frame captured after the answer: the frames before it come
    // from the GOP cache, old by construction.
    const shown = [];
    let frames = 0;
    const live = performance.timeOrigin + performance.now();
    const onFrame = (now, md) => {
      frames++;
      const c = captures.get(md.rtpTimestamp);
      if (c && c.capture > live) {
        shown.push([performance.timeOrigin + md.expectedDisplayTime - c.capture, c.received - c.capture]);
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    const inbound = async () => {
      let o = null;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') {
          o = { framesDecoded: s.framesDecoded, framesDropped: s.framesDropped, framesReceived: s.framesReceived,
            packetsReceived: s.packetsReceived, packetsLost: s.packetsLost, nackCount: s.nackCount,
            pliCount: s.pliCount, firCount: s.firCount, freezeCount: s.freezeCount,
            totalFreezesDuration: s.totalFreezesDuration, keyFramesDecoded: s.keyFramesDecoded,
            jitterBufferDelay: s.jitterBufferDelay, jitterBufferEmittedCount: s.jitterBufferEmittedCount,
            jitterBufferTargetDelay: s.jitterBufferTargetDelay, totalDecodeTime: s.totalDecodeTime };
        }
      });
      return o;
    };
    await sleep(1500);
    out.before = await inbound();
    await sleep(seconds * 1000);
    out.after = await inbound();
    out.framesShown = frames;
    out.iceState = pc.iceConnectionState;
    out.videoWidth = video.videoWidth;
    const pick = (i) => shown.map((x) => x[i]).sort((a, b) => a - b);
    const pct = (a, p) => a.length ? a[Math.min(a.length - 1, Math.floor(a.length * p))] : null;
    const glass = pick(0);
    const received = pick(1);
    out.glassToGlass = { samples: glass.length, p50: pct(glass, 0.5), p99: pct(glass, 0.99), max: pct(glass, 1) };
    out.captureToReceived = { p50: pct(received, 0.5), p99: pct(received, 0.99) };
    // Where the rest goes: Chromium's mean jitter-buffer wait and decode time per frame over the measured seconds.
    const per = (k, n) => out.before && out.after ? 1000 * (out.after[k] - out.before[k])
      / Math.max(1, out.after[n] - out.before[n]) : null;
    out.meanJitterBufferMs = per('jitterBufferDelay', 'jitterBufferEmittedCount');
    out.meanJitterBufferTargetMs = per('jitterBufferTargetDelay', 'jitterBufferEmittedCount');
    out.meanDecodeMs = per('totalDecodeTime', 'framesDecoded');
    const del = await fetch(res.headers.get('Location'), { method: 'DELETE',
      headers: { Authorization: 'Bearer ' + token } });
    out.deleteStatus = del.status;
    pc.close();
    return out;
  }, { camera: params.camera, token, proxy: params.proxy || null, seconds: params.seconds || 6,
    worker: WORKER });
  r.screenshot = await shot(page, params.proxy ? 'whep-loss' : 'whep-latency');
  r.log = page.log;
  return r;
});
