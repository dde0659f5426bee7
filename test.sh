#!/usr/bin/env bash
# Builds Argus and runs its tests (mvn -B verify) with a JDK 21+ found the same way ./argus finds it, then prints
# the time each test tier took.
#   ./test.sh          every tier: unit, e2e, interop, browser, kill (what CI runs)
#   ./test.sh --fast   the unit tier only (no node, child process, peer or browser), two test JVMs per module,
#                      modules in parallel, Netty leak detection sampled instead of paranoid (CI runs paranoid)
# Extra arguments go to Maven, e.g. ./test.sh -pl argus-server -am
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
# shellcheck source=scripts/find-jdk.sh
. "$ROOT/scripts/find-jdk.sh"
if ! JAVA_HOME="$(find_jdk)"; then
  echo "test.sh: needs a JDK 21 or newer (java and javac); set JAVA_HOME or install one" >&2
  exit 1
fi
export JAVA_HOME
cd "$ROOT"

mvn_args=(-B verify)
if [ "${1:-}" = "--fast" ]; then
  shift
  # The repository tests on H2 only: their PostgreSQL runs (and its server's start) are for the full run.
  mvn_args+=(-DexcludedGroups=e2e,interop,browser,kill -T 2 -DforkCount=2 -Dargus.leakDetection=simple
             -Dargus.metadata.engines=h2)
fi

find . -path '*/target/test-tiers.tsv' -delete 2>/dev/null || true
started=$(date +%s)
rc=0
mvn "${mvn_args[@]}" "$@" || rc=$?

# One line per test class from io.argus.testkit.tier.TierTimingExtension: tier, class, seconds.
reports=$(find . -path '*/target/test-tiers.tsv' 2>/dev/null)
if [ -n "$reports" ]; then
  echo "Test time per tier (summed over classes; the build took $(( $(date +%s) - started )) s in all):"
  # shellcheck disable=SC2086
  awk -F'\t' '{ t[$1] += $3; n[$1]++ }
    END { split("unit e2e interop browser kill", order, " ");
          for (i = 1; i <= 5; i++) { k = order[i]; if (k in t) printf "  %-8s %7.1f s  %3d classes\n", k, t[k], n[k] } }' $reports
fi
exit "$rc"
