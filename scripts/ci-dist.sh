#!/usr/bin/env bash
# CI's check of the distribution (issue 10): `./argus dist` on the build the tests made, then the unpacked tarball's
# own launcher and runtime start a node (every port picked free) and must answer /readyz; SIGTERM must stop it.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
tarball="$("$ROOT/argus" dist | tail -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
echo "dist: $(du -sh "$tarball" | cut -f1) tarball, $("$work/argus/bin/argus" --version | head -n 1)"
ARGUS_HTTP_PORT=0 ARGUS_RTSP_PORT=0 ARGUS_RTSP_RTP_PORT=0 ARGUS_RTSP_RTCP_PORT=0 ARGUS_RTMP_PORT=0 ARGUS_SRT_PORT=0 \
  ARGUS_WEBRTC_PORT=0 ARGUS_ADMIN_PASSWORD=ci-dist-admin-password ARGUS_DATA_DIR="$work/data" \
  "$work/argus/bin/argus" server > "$work/server.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 120); do
  port="$(sed -n 's/.*Argus is up: HTTP on port \([0-9]*\).*/\1/p' "$work/server.log")"
  if [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; then
    break
  fi
  port=""
  sleep 1
done
if [ -z "$port" ]; then
  echo "dist: the node from the tarball did not get ready; its log:" >&2
  cat "$work/server.log" >&2
  kill -9 "$pid" 2>/dev/null || true
  exit 1
fi
kill -TERM "$pid"
wait "$pid" || true
if ! grep -q "Argus stopped" "$work/server.log"; then
  echo "dist: the node did not stop cleanly on SIGTERM; its log:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
echo "dist: the node from the tarball was ready on port $port and stopped on SIGTERM"
