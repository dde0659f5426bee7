#!/usr/bin/env bash
# The regression guard of issue 16: a short `argus bench record` (10 cameras recorded, the floor on all of them,
# ffmpeg recorders on 3, 5 s warm-ups and 10 s windows, about a minute in all) that .ci/run runs after ./test.sh, so a
# change that doubles the cost per camera shows in CI output. A benchmark, not a test: no figure fails it, and the
# figures are only comparable between runs on the same kind of machine (the CPU model and load average are printed).
# Exit status: 0 when the bench reported, and also when it failed after Argus had started and its cameras were live
# (a timeout on a loaded machine, the floor or ffmpeg failing: printed as a failure, not a red build); 1 when it could
# not run at all (no build, or the server or simulator did not start or the cameras never went live), since then
# Argus itself is broken.
# Usage: scripts/ci-bench.sh, after a build (./test.sh or mvn -DskipTests package) has made argus-server/target.
set -uo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/find-jdk.sh
. "$ROOT/scripts/find-jdk.sh"
ARGS=(bench record --cameras 10 --warmup 5 --duration 10 --ffmpeg 3 --server-heap 256m)

echo "== Benchmark (regression guard, issue 16; figures are printed, never checked) =="
echo "argus ${ARGS[*]}"
echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p'), $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! JAVA_HOME="$(find_jdk)"; then
  echo "BENCHMARK COULD NOT RUN: no JDK 21 or newer" >&2
  exit 1
fi
TARGET="$ROOT/argus-server/target"
JAR="$(ls "$TARGET"/argus-server-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)"
if [ -z "$JAR" ] || [ ! -d "$TARGET/lib" ]; then
  echo "BENCHMARK COULD NOT RUN: no build in $TARGET (run ./test.sh or mvn -DskipTests package first)" >&2
  exit 1
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

started=$(date +%s)
# SIGTERM after 150 s (the bench's shutdown hook then stops its processes), SIGKILL 30 s later.
timeout -k 30 150 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -XX:+IgnoreUnrecognizedVMOptions -cp "$JAR:$TARGET/lib/*" io.argus.server.cli.ArgusCli "${ARGS[@]}" \
  --work-dir "$WORK" >"$WORK/bench.out" 2>&1
rc=$?
took=$(( $(date +%s) - started ))

if [ "$rc" -eq 0 ]; then
  # The report: from the first line after the blank one the bench prints before it, to the ratios.
  awk 'report && /^(logs:|deleted )/ { exit } report && NF { print } !NF { report = 1 }' "$WORK/bench.out"
  echo "(the bench took ${took} s)"
  exit 0
fi
echo "BENCHMARK FAILED (exit status $rc after ${took} s$([ "$rc" -eq 124 ] && echo ', timed out')); its output:"
sed 's/^/  /' "$WORK/bench.out"
# The run folder goes with $WORK when this script ends: its logs are shown here.
for log in "$WORK"/argus-bench-*/*.log; do
  if [ -s "$log" ]; then
    echo "last lines of $(basename "$log"):"
    tail -n 20 "$log" | sed 's/^/  /'
  fi
done
if grep -q '^all live; warming up' "$WORK/bench.out"; then
  echo "(Argus started and its cameras went live: not a build failure)"
  exit 0
fi
echo "BENCHMARK COULD NOT RUN: the server or the simulator did not start, or the cameras never went live"
exit 1
