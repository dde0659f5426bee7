# shellcheck shell=bash
# Sourced by ./argus and ./test.sh. Defines find_jdk, which prints the home of a JDK 21 or newer (one with
# javac, since the launcher may need to build): $JAVA_HOME when it qualifies, else the newest one found in the
# usual places. Also defines java_major HOME, which prints a JDK's feature version (8, 17, 21, 25 ...).

java_major() {
  local v
  v="$("$1/bin/java" -version 2>&1 | awk -F'"' '/version "/ {print $2; exit}')" || return 1
  [ -n "$v" ] || return 1
  case "$v" in
    1.*) v="${v#1.}"; echo "${v%%.*}" ;;
    *) v="${v%%[.+-]*}"; echo "$v" ;;
  esac
}

find_jdk() {
  local min=21 best="" best_major=0 home major java
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major="$(java_major "$JAVA_HOME" || echo 0)"
    if [ "$major" -ge "$min" ] 2>/dev/null; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  local candidates=(/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*
                    /Library/Java/JavaVirtualMachines/*/Contents/Home)
  if java="$(command -v java 2>/dev/null)"; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$java")")")")
  fi
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major="$(java_major "$home" || echo 0)"
    if [ "$major" -ge "$min" ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best="$home"
      best_major="$major"
    fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}
