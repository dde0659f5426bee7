#!/usr/bin/env bash
# Builds Argus and runs every test (mvn -B verify) with a JDK 21+ found the same way ./argus finds it.
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
exec mvn -B verify "$@"
