#!/usr/bin/env bash
# Site sizes (issue 16): `argus bench record` at each camera count given (default 20 50 100 200 500 1000), the floor on
# the same cameras (at most FLOOR_MAX of them) and FFMPEG ffmpeg recorders, one run after the other; then the table
# (Markdown) and the plot (SVG, and PNG where ffmpeg can rasterise SVG) of the cost per camera.
# Figures are CPU time per process from /proc, so they hold on a shared machine; wall-clock latency does not.
# Usage: scripts/bench-sites.sh OUT_DIR [CAMERAS...]   (env: WARMUP=60 DURATION=30 FFMPEG=20 FLOOR_MAX=1000)
# Needs a build (./test.sh or mvn -DskipTests package) in argus-server/target, as scripts/ci-bench.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/find-jdk.sh
. "$ROOT/scripts/find-jdk.sh"
OUT="$(mkdir -p "$1" && cd "$1" && pwd)"
shift
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(20 50 100 200 500 1000)
JAVA_HOME="$(find_jdk)"
TARGET="$ROOT/argus-server/target"
JAR="$(ls "$TARGET"/argus-server-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1)"
for n in "${SIZES[@]}"; do
  floor=$(( n < ${FLOOR_MAX:-1000} ? n : ${FLOOR_MAX:-1000} ))
  ffmpeg=$(( n < ${FFMPEG:-20} ? n : ${FFMPEG:-20} ))
  heap=$(( n <= 200 ? 512 : 1024 ))
  args=(bench record --cameras "$n" --warmup "${WARMUP:-60}" --duration "${DURATION:-30}" --floor "$floor"
        --ffmpeg "$ffmpeg" --server-heap "${heap}m" --work-dir "$OUT")
  echo "== $n cameras: argus ${args[*]}"
  {
    echo "command: argus ${args[*]}"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
      -XX:+IgnoreUnrecognizedVMOptions -cp "$JAR:$TARGET/lib/*" io.argus.server.cli.ArgusCli "${args[@]}"
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  } >"$OUT/sites-$n.txt" 2>&1 || echo "   failed: see $OUT/sites-$n.txt"
  grep -E '^(server CPU|server threads|CPU per camera|recording|latency)' "$OUT/sites-$n.txt" | sed 's/^/   /' || true
done
python3 "$ROOT/scripts/bench-sites-plot.py" "$OUT"
