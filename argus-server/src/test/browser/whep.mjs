// Part of the default test run (started by WhepBrowserTest): WebRTC playback over WHEP in Chromium. The page offers
// a receive-only video transceiver, POSTs the offer, and measures the time from the request to the first decoded
// frame (requestVideoFrameCallback), then that currentTime advances; DELETE ends the session.
import { params, shot, run, tokenPage } from './browser.mjs';

await run(async (browser) => {
  const { page, token } = await tokenPage(browser, { width: 1280, height: 720 });
  const r = await page.evaluate(async ({ camera, token, runs }) => {
    const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
    const out = { runs: [] };
    for (let i = 0; i < runs; i++) {
      const pc = new RTCPeerConnection();
      pc.addTransceiver('video', { direction: 'recvonly' });
      const video = document.createElement('video');
      video.muted = true; video.autoplay = true; video.playsInline = true; video.width = 640; video.height = 360;
      document.body.appendChild(video);
      pc.ontrack = (e) => { video.srcObject = e.streams[0] || new MediaStream([e.track]); };
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      if (i === 0) out.offeredH264 = offer.sdp.split('\r\n').filter((l) => /H264|H265|profile-level-id/.test(l));
      const firstFrame = new Promise((resolve) => {
        video.requestVideoFrameCallback(() => resolve(performance.now()));
        setTimeout(() => resolve(null), 15000);
      });
      const t0 = performance.now();
      const res = await fetch(`/api/v1/cameras/${camera}/whep`, { method: 'POST',
        headers: { 'Content-Type': 'application/sdp', Authorization: 'Bearer ' + token }, body: offer.sdp });
      const answer = await res.text();
      const run = { status: res.status, location: res.headers.get('Location'), answerMs: performance.now() - t0 };
      out.runs.push(run);
      if (res.status !== 201) { run.body = answer; break; }
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
      const at = await firstFrame;
      run.firstFrameMs = at === null ? null : at - t0;
      run.iceState = pc.iceConnectionState;
      if (at !== null) {
        const ct = video.currentTime;
        await sleep(2000);
        run.advanced = video.currentTime - ct;
        run.videoWidth = video.videoWidth;
        run.videoHeight = video.videoHeight;
      }
      const stats = await pc.getStats();
      stats.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') {
          run.inbound = { framesDecoded: s.framesDecoded, packetsLost: s.packetsLost, nackCount: s.nackCount,
            pliCount: s.pliCount, codec: s.codecId, jitterBufferDelay: s.jitterBufferDelay,
            jitterBufferEmittedCount: s.jitterBufferEmittedCount };
        }
        if (s.type === 'codec') run.codec = s.mimeType + ' ' + (s.sdpFmtpLine || '');
      });
      const del = await fetch(run.location, { method: 'DELETE', headers: { Authorization: 'Bearer ' + token } });
      run.deleteStatus = del.status;
      pc.close();
      video.remove();
    }
    return out;
  }, { camera: params.camera, token, runs: params.runs || 3 });
  r.screenshot = await shot(page, 'whep');
  r.log = page.log;
  return r;
});
