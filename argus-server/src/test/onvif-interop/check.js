// Argus's ONVIF simulator checked by an independent ONVIF client: the npm `onvif` package (agsh/onvif).
// Usage: node check.js <host> <http port> <device path> <username> <password>
// Prints one JSON line with what the client saw; OnvifNpmInteropTest asserts on it. Exits 1 on any error.
'use strict';
const onvif = require('onvif');
const http = require('http');
const crypto = require('crypto');

const [host, port, path, username, password] = process.argv.slice(2);
const out = {};

function step(name, fn) {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(new Error(name + ': ' + (err.message || err))) : resolve(value))));
}

// GETs a snapshot URI as a plain HTTP client would: status, content type, size and SHA-256 of the body.
function fetchSnapshot(uri) {
  return new Promise((resolve, reject) => http.get(uri, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      const body = Buffer.concat(chunks);
      resolve({ status: res.statusCode, contentType: res.headers['content-type'], bytes: body.length,
        sha256: crypto.createHash('sha256').update(body).digest('hex') });
    });
  }).on('error', (err) => reject(new Error('snapshot ' + uri + ': ' + err.message))));
}

async function main() {
  out.discovered = await step('discovery', (cb) => onvif.Discovery.probe({ timeout: 2000, resolve: false }, (err, list) =>
    cb(err, (list || []).map((m) => String(m.probeMatches.probeMatch.XAddrs || m.probeMatches.probeMatch.xAddrs)))));

  const cam = await step('connect', (cb) => {
    const c = new onvif.Cam({ hostname: host, port: Number(port), path, username, password, timeout: 5000 }, (err) => cb(err, c));
  });
  const info = await step('getDeviceInformation', (cb) => cam.getDeviceInformation(cb));
  out.device = { manufacturer: info.manufacturer, model: info.model, serial: info.serialNumber };
  out.media2 = !!cam.media2Support;
  out.profiles = cam.profiles.map((p) => ({ token: p.$.token, name: p.name,
    width: Number(p.videoEncoderConfiguration.resolution.width), encoding: p.videoEncoderConfiguration.encoding }));
  out.streamUris = {};
  for (const p of cam.profiles) {
    const s = await step('getStreamUri', (cb) => cam.getStreamUri({ protocol: 'RTSP', profileToken: p.$.token }, cb));
    out.streamUris[p.$.token] = s.uri;
  }

  const sub = cam.profiles[1].$.token;
  out.snapshotUri = (await step('getSnapshotUri', (cb) => cam.getSnapshotUri({ profileToken: sub }, cb))).uri;
  out.snapshotBefore = await fetchSnapshot(out.snapshotUri);

  const main = cam.profiles[0].$.token;
  await step('absoluteMove', (cb) => cam.absoluteMove({ profileToken: main, x: 0.5, y: -0.25, zoom: 0.3 }, cb));
  await step('setPreset', (cb) => cam.setPreset({ profileToken: main, presetName: 'npm-door' }, cb));
  await step('gotoHomePosition', (cb) => cam.gotoHomePosition({ profileToken: main }, cb));
  const presets = await step('getPresets', (cb) => cam.getPresets({ profileToken: main }, cb));
  out.presets = Object.keys(presets);
  await step('gotoPreset', (cb) => cam.gotoPreset({ profileToken: main, preset: Object.values(presets)[0].$.token }, cb));
  const status = await step('getStatus', (cb) => cam.getStatus({ profileToken: main }, cb));
  out.position = status.position;
  await step('continuousMove', (cb) => cam.continuousMove({ profileToken: main, x: -0.5, y: 0, zoom: 0 }, cb));
  await step('stop', (cb) => cam.stop({ profileToken: main, panTilt: true, zoom: true }, cb));

  await step('createPullPointSubscription', (cb) => cam.createPullPointSubscription(cb));
  out.events = [];
  for (let i = 0; i < 20 && out.events.length < 2; i++) {
    const msgs = await step('pullMessages', (cb) => cam.pullMessages({ timeout: 3000, messageLimit: 10 }, cb));
    const list = msgs.notificationMessage ? [].concat(msgs.notificationMessage) : [];
    for (const m of list) {
      const data = m.message.message.data.simpleItem;
      out.events.push({ topic: m.topic._, isMotion: String(data.$.Value) });
    }
  }
  await step('unsubscribe', (cb) => cam.unsubscribe(cb));
  out.snapshotAfter = await fetchSnapshot(out.snapshotUri);
  console.log(JSON.stringify(out));
}

main().then(() => process.exit(0), (err) => {
  console.log(JSON.stringify(Object.assign(out, { error: err.message })));
  process.exit(1);
});
