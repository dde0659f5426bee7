# shellcheck shell=bash
# Sourced by ./argus for `./argus dist`: makes target/dist/argus-linux-x64.tar.gz, which unpacks to argus/ with
#   bin/argus   the launcher (no Maven, no JDK needed)
#   lib/        the jars
#   runtime/    a Java runtime made by jlink from the building JDK, with the modules Argus uses
#   deploy/, docs/, README.md, VERSION
# Needs the build (./argus builds it first when missing or stale) and $JAVA_HOME set to a JDK 21+ with jlink.

# Modules jdeps cannot see: reached by reflection or service loading (TLS key exchange, JMX and process CPU for
# metrics, JFR for profiling, DNS for JNDI lookups, zip file systems, Kerberos for PostgreSQL's optional GSS).
DIST_EXTRA_MODULES=jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.jfr,jdk.naming.dns,jdk.zipfs,java.security.jgss

make_dist() {
  local root="$1" jar="$2" lib="$3" major="$4"
  local out="$root/target/dist" home="$root/target/dist/argus" version modules
  version="$(basename "$jar" .jar)"
  version="${version#argus-server-}"
  rm -rf "$home" "$out/argus-linux-x64.tar.gz"
  mkdir -p "$home/bin" "$home/lib"
  cp "$jar" "$lib"/*.jar "$home/lib/"
  echo "argus dist: finding the modules Argus uses (jdeps) ..." >&2
  modules="$("$JAVA_HOME/bin/jdeps" --multi-release "$major" --ignore-missing-deps --print-module-deps \
             --class-path "$lib/*" "$jar")"
  echo "argus dist: making the runtime (jlink: $modules,$DIST_EXTRA_MODULES) ..." >&2
  "$JAVA_HOME/bin/jlink" --add-modules "$modules,$DIST_EXTRA_MODULES" --strip-debug --compress=zip-6 --no-header-files \
    --no-man-pages --output "$home/runtime"
  local unsafe=""
  if [ "$major" -ge 23 ]; then
    unsafe="--sun-misc-unsafe-memory-access=allow"
  fi
  cat > "$home/bin/argus" <<LAUNCHER
#!/usr/bin/env bash
# Argus $version from its distribution: runs the CLI on the bundled Java runtime. Extra JVM flags: ARGUS_JAVA_OPTS.
set -euo pipefail
HOME_DIR="\$(cd "\$(dirname "\$(readlink -f "\${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck disable=SC2086
exec "\$HOME_DIR/runtime/bin/java" --enable-native-access=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \\
  $unsafe \${ARGUS_JAVA_OPTS:-} -cp "\$HOME_DIR/lib/*" io.argus.server.cli.ArgusCli "\$@"
LAUNCHER
  chmod 755 "$home/bin/argus"
  cp -r "$root/deploy" "$root/docs" "$root/README.md" "$home/"
  echo "$version" > "$home/VERSION"
  tar -czf "$out/argus-linux-x64.tar.gz" -C "$out" argus
  echo "$out/argus-linux-x64.tar.gz"
}
