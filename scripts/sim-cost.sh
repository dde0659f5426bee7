#!/usr/bin/env bash
# What `argus sim` costs: N cameras served to the floor recorder (io.argus.bench.FloorRecorder, which drains every
# camera over TCP-interleaved like a recorder), the simulator's and the floor's CPU read from /proc over a window.
# Usage: scripts/sim-cost.sh CAMERAS [WARMUP_S] [WINDOW_S] [extra argus sim options, e.g. --rtp-max-size 8192]
# Build first (./argus --help builds when needed). Prints the CPU model and the load average: on a shared
# machine the figures are indicative. SIM_JAVA_OPTS adds JVM options to the simulator's (e.g. to profile it:
# SIM_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/sim.jfr,settings=profile).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
JAVA_HOME="$(find_jdk)"
N="${1:?cameras}"; WARMUP="${2:-10}"; WINDOW="${3:-20}"; shift $(( $# < 3 ? $# : 3 ))
TARGET="$ROOT/argus-server/target"
CP="$(ls "$TARGET"/argus-server-*.jar | grep -v -e -sources -e -tests | head -n 1):$TARGET/lib/*"
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
WORK="$(mktemp -d)"
PORT=$(( 20000 + RANDOM % 20000 ))
cleanup() { kill "${FLOOR:-}" "${SIM:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
ticks() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat"; }
# The process's threads' user and kernel ticks by thread name without its number (sim-camera-5-1 -> sim-camera).
thread_ticks() {
  for t in /proc/"$1"/task/*; do
    awk -v n="$(sed 's/ /_/g; s/[-#]*[0-9]*$//; s/-[0-9]*$//' "$t/comm" 2>/dev/null)" \
      '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print n, f[12], f[13] }' "$t/stat" 2>/dev/null
  done | awk '{ u[$1] += $2; k[$1] += $3 } END { for (n in u) print n, u[n], k[n] }' | sort
}
kernel_ticks() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[13] }' "/proc/$1/stat"; }

"${JAVA[@]}" -Xmx2g ${SIM_JAVA_OPTS:-} -cp "$CP" io.argus.server.cli.ArgusCli sim --cameras "$N" --port "$PORT" "$@" >"$WORK/sim.log" 2>&1 &
SIM=$!
until grep -q "simulator ready" "$WORK/sim.log"; do kill -0 "$SIM" || { cat "$WORK/sim.log"; exit 1; }; sleep 0.5; done
"${JAVA[@]}" -Xmx128m -XX:+UseSerialGC -cp "$CP" io.argus.bench.FloorRecorder "$WORK/floor" \
  "rtsp://127.0.0.1:$PORT/cam" "$N" >"$WORK/floor.log" 2>&1 &
FLOOR=$!
until grep -q "floor ready" "$WORK/floor.log"; do kill -0 "$FLOOR" || { cat "$WORK/floor.log"; exit 1; }; sleep 0.5; done
sleep "$WARMUP"
thread_ticks "$SIM" >"$WORK/threads0"; S0=$(ticks "$SIM"); K0=$(kernel_ticks "$SIM"); F0=$(ticks "$FLOOR"); B0=$(du -sb "$WORK/floor" | cut -f1); T0=$(date +%s.%N)
sleep "$WINDOW"
thread_ticks "$SIM" >"$WORK/threads1"; S1=$(ticks "$SIM"); K1=$(kernel_ticks "$SIM"); F1=$(ticks "$FLOOR"); B1=$(du -sb "$WORK/floor" | cut -f1); T1=$(date +%s.%N)
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$N" -v s="$((S1 - S0))" -v k="$((K1 - K0))" -v f="$((F1 - F0))" -v b="$((B1 - B0))" -v t0="$T0" -v t1="$T1" 'BEGIN {
  t = t1 - t0;
  printf "simulator  %d cameras: %.3f cores (%.3f %% of a core per camera; %.0f %% kernel time)\n", n, s / 100 / t,
    s / t / n, (s > 0 ? 100 * k / s : 0);
  printf "floor      %.3f cores (%.3f %% of a core per camera), %.0f KB/s received per camera\n", f / 100 / t, f / t / n, b / t / n / 1000;
}'
echo "simulator threads (cores, user + kernel):"
join "$WORK/threads0" "$WORK/threads1" | awk -v t0="$T0" -v t1="$T1" '{
  u = ($4 - $2) / 100 / (t1 - t0); k = ($5 - $3) / 100 / (t1 - t0);
  if (u + k >= 0.001) printf "  %-20s %.3f + %.3f\n", $1, u, k }' | sort -k2 -nr
