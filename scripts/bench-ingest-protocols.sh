#!/usr/bin/env bash
# Server CPU per pushed stream by ingest protocol (issue 13: "RTMP/SRT ingest CPU per stream vs RTSP ingest").
# One node (recording on, as for every new camera; analytics and WebRTC off), then for each protocol in turn N
# ffmpeg publishers of the same 1080p25 H.264 sample (~2 Mbit/s, `-re -stream_loop -1 -c copy`), each into its own
# camera (made by the publish): RTSP ANNOUNCE/RECORD over TCP, RTMP (FLV), SRT (MPEG-TS, listener, streamid). Once
# all N are live and WARMUP_S have passed, the server process's CPU (utime + stime from /proc/PID/stat) is read over
# WINDOW_S; the publishers are stopped before the next protocol. ROUNDS > 1 repeats the three (the JIT warms up on
# the first). The idle node's CPU, read over one window before any publisher, is taken off. Prints per-stream CPU
# (% of one core), the ratios to RTSP, the cameras' mean fps, the CPU model and the load average: on a shared
# machine the figures are indicative.
# Usage: scripts/bench-ingest-protocols.sh [N=10] [WARMUP_S=15] [WINDOW_S=30] [ROUNDS=1]
# Build first (./argus --help builds when needed); needs ffmpeg with libsrt, curl and jq.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
JAVA_HOME="$(find_jdk)"
N="${1:-10}"; WARMUP="${2:-15}"; WINDOW="${3:-30}"; ROUNDS="${4:-1}"
TARGET="$ROOT/argus-server/target"
CP="$(ls "$TARGET"/argus-server-*.jar | grep -v -e -sources -e -tests | head -n 1):$TARGET/lib/*"
SAMPLE="$ROOT/argus-sim-samples/src/main/resources/io/argus/sim/samples/h264-1080p25.h264"
WORK="$(mktemp -d)"
PW="bench-$RANDOM-$RANDOM"
BASE=$(( (20000 + RANDOM % 20000) / 2 * 2 )) # even: RTP on BASE + 4, RTCP on the odd port after it
HTTP=$BASE; RTSP=$((BASE + 1)); RTMP=$((BASE + 2)); SRT=$((BASE + 3))
PUBS=()
stop_publishers() {
  for p in "${PUBS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PUBS[@]}"; do wait "$p" 2>/dev/null || true; done
  PUBS=()
}
cleanup() { stop_publishers; kill "${SERVER:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
ticks() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat"; }

# ffmpeg 5.1 cannot loop a raw .h264 input (its seek back fails): remux it to Matroska once (Ffprobe.loopable).
ffmpeg -v error -nostdin -f h264 -framerate 25 -i "$SAMPLE" -c copy "$WORK/sample.mkv"

"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx1g \
  -cp "$CP" io.argus.server.cli.ArgusCli server --data-dir "$WORK/data" --http-port "$HTTP" --rtsp-port "$RTSP" \
  -s rtsp.rtpPort=$((BASE + 4)) -s rtsp.rtcpPort=$((BASE + 5)) \
  -s rtmp.port="$RTMP" -s srt.port="$SRT" -s webrtc.enabled=false -s analytics.enabled=false \
  -s admin.password="$PW" -s recording.minFree=256MiB >"$WORK/server.log" 2>&1 &
SERVER=$!
until curl -sf "http://127.0.0.1:$HTTP/readyz" >/dev/null; do
  kill -0 "$SERVER" 2>/dev/null || { tail -50 "$WORK/server.log"; exit 1; }; sleep 0.5
done
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PW\"}" \
  "http://127.0.0.1:$HTTP/api/v1/auth/login" | jq -r .token)
cameras() { curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP/api/v1/cameras"; }

publish() { # protocol round index
  local name="bench-r$2-$1-$3" out
  case "$1" in
    rtsp) out=(-f rtsp -rtsp_transport tcp "rtsp://admin:$PW@127.0.0.1:$RTSP/$name") ;;
    rtmp) out=(-f flv "rtmp://127.0.0.1:$RTMP/$name?token=$TOKEN") ;;
    srt) out=(-f mpegts "srt://127.0.0.1:$SRT?streamid=#!::r=$name,m=publish,s=$TOKEN") ;;
  esac
  ffmpeg -v error -nostdin -re -stream_loop -1 -i "$WORK/sample.mkv" -c copy "${out[@]}" \
    >"$WORK/ffmpeg-$name.log" 2>&1 &
  PUBS+=($!)
}

echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The node's own cost with no publisher (timers, re-checks, statistics, GC): taken off before dividing by N.
sleep "$WARMUP"
C0=$(ticks "$SERVER"); T0=$(date +%s.%N); sleep "$WINDOW"; C1=$(ticks "$SERVER"); T1=$(date +%s.%N)
IDLE=$(awk -v c="$((C1 - C0))" -v t0="$T0" -v t1="$T1" 'BEGIN { printf "%.4f", c / 100 / (t1 - t0) }')
echo "idle server: $IDLE cores"
declare -A PER
for round in $(seq 1 "$ROUNDS"); do
  for proto in rtsp rtmp srt; do
    prefix="bench-r$round-$proto-"
    # Staggered: N password checks (Argon2id) at once on a loaded machine overflow the node's credential checks,
    # which refuse an SRT caller ("overloaded, try again") that ffmpeg does not retry. RTMP and SRT use the token.
    for i in $(seq 1 "$N"); do publish "$proto" "$round" "$i"; sleep 0.5; done
    deadline=$((SECONDS + 120))
    until [ "$(cameras | jq --arg p "$prefix" '[.[] | select((.name | startswith($p)) and .status.state == "live")]
        | length')" -ge "$N" ]; do
      [ $SECONDS -lt $deadline ] || { echo "$proto: not all $N live in 120 s"; tail -n 5 "$WORK"/ffmpeg-"$prefix"*.log
        grep -i -e srt -e rtmp -e warn -e error "$WORK/server.log" | tail -n 20; exit 1; }
      sleep 1
    done
    sleep "$WARMUP"
    C0=$(ticks "$SERVER"); T0=$(date +%s.%N)
    sleep "$WINDOW"
    C1=$(ticks "$SERVER"); T1=$(date +%s.%N)
    FPS=$(cameras | jq --arg p "$prefix" '[.[] | select(.name | startswith($p)) | .status.fps // 0] | add / length')
    LOAD=$(cut -d' ' -f1 /proc/loadavg)
    CORES=$(awk -v c="$((C1 - C0))" -v t0="$T0" -v t1="$T1" 'BEGIN { printf "%.4f", c / 100 / (t1 - t0) }')
    PER[$proto]=$(awk -v c="$CORES" -v i="$IDLE" -v n="$N" 'BEGIN { printf "%.3f", (c - i) * 100 / n }')
    printf "round %d %-4s %d streams: server %.3f cores, %s %% of a core per stream above idle, %.1f fps per camera, load %s\n" \
      "$round" "$proto" "$N" "$CORES" "${PER[$proto]}" "$FPS" "$LOAD"
    stop_publishers
    until [ "$(cameras | jq --arg p "$prefix" '[.[] | select((.name | startswith($p)) and .status.state == "live")]
        | length')" -eq 0 ]; do sleep 0.5; done
  done
  awk -v r="${PER[rtsp]}" -v m="${PER[rtmp]}" -v s="${PER[srt]}" -v round="$round" 'BEGIN {
    printf "round %d ratios to RTSP: RTMP %.2f, SRT %.2f\n", round, m / r, s / r }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
