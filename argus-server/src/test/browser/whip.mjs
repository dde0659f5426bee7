// Part of the default test run (started by WhipBrowserTest): WebRTC ingest over WHIP from Chromium. Its fake camera
// and microphone (--use-fake-device-for-media-stream) go into send-only transceivers, the offer is POSTed to
// /api/v1/whip/<name>, and the page publishes for `holdMs` while the JUnit side reads the camera back; then it
// reports the sender's stats and ends the session with DELETE on the answer's Location. With `whipUrl` (a camera's
// publish URL, ?sig=) it logs in to nothing: the offer and the DELETE carry no Authorization header.
import { base, params, newPage, run, tokenPage } from './browser.mjs';

async function publisherPage(browser, viewport) {
  if (!params.whipUrl) return tokenPage(browser, viewport);
  const page = await newPage(browser, viewport);
  await page.goto(base + '/api/v1/health');
  return { page, token: null };
}

await run(async (browser) => {
  const { page, token } = await publisherPage(browser, { width: 800, height: 600 });
  const r = await page.evaluate(async ({ name, token, holdMs, whipUrl }) => {
    const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
    const auth = token ? { Authorization: 'Bearer ' + token } : {};
    const media = await navigator.mediaDevices.getUserMedia({
      video: { width: 640, height: 480, frameRate: 25 }, audio: true });
    const pc = new RTCPeerConnection();
    for (const track of media.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [media] });
    await pc.setLocalDescription(await pc.createOffer());
    const t0 = performance.now();
    const res = await fetch(whipUrl || '/api/v1/whip/' + encodeURIComponent(name), { method: 'POST',
      headers: { 'Content-Type': 'application/sdp', ...auth }, body: pc.localDescription.sdp });
    const answer = await res.text();
    const out = { status: res.status, location: res.headers.get('Location') };
    if (res.status !== 201) { out.body = answer; return out; }
    out.answeredH264 = answer.split('\r\n').filter((l) => /rtpmap|fmtp/.test(l));
    out.states = [];
    pc.oniceconnectionstatechange = () => out.states.push('ice ' + pc.iceConnectionState + ' '
      + Math.round(performance.now() - t0));
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    const connected = await new Promise((resolve) => {
      const check = () => { if (pc.connectionState === 'connected') resolve(true); };
      pc.onconnectionstatechange = check;
      check();
      setTimeout(() => resolve(false), 15000);
    });
    out.connectedMs = connected ? performance.now() - t0 : null;
    out.connectionState = pc.connectionState;
    if (connected) await sleep(holdMs);
    const stats = await pc.getStats();
    stats.forEach((s) => {
      if (s.type === 'outbound-rtp') {
        out[s.kind] = { packetsSent: s.packetsSent, bytesSent: s.bytesSent, framesEncoded: s.framesEncoded,
          keyFramesEncoded: s.keyFramesEncoded, pliCount: s.pliCount, nackCount: s.nackCount,
          encoder: s.encoderImplementation, frameWidth: s.frameWidth, frameHeight: s.frameHeight };
      }
      if (s.type === 'codec') (out.codecs = out.codecs || []).push(s.mimeType);
    });
    const del = await fetch(out.location, { method: 'DELETE', headers: auth });
    out.deleteStatus = del.status;
    pc.close();
    media.getTracks().forEach((t) => t.stop());
    return out;
  }, { name: params.name, token, holdMs: params.holdMs || 20000, whipUrl: params.whipUrl || null });
  r.log = page.log;
  return r;
}, ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
