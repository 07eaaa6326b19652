#!/usr/bin/env bash
# Builds (when needed) and starts ims-e2ae: the P-CSCF and the IMS-AGW on 127.0.0.1 with the embedded default
# configuration, until Ctrl-C. Every argument goes to the product:
#   ./run.sh                       both, embedded default (launcher/config/pcscf-agw.yaml)
#   ./run.sh --role agw -c my.yaml the gateway alone, with a configuration file
#   ./run.sh state                 the live state of a running one
#   ./run.sh --help
# Finds a JDK >= 21 (scripts/jdk.sh; exit 3 if there is none). Rebuilds the distribution
# (launcher/target/ims-e2ae-<version>-dist) when a source, pom or shipped file is newer than it, or when
# IMS_E2AE_REBUILD=1. BUILD_DIR_NAME=target-x builds into */target-x instead (side-by-side builds).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh

BUILD_DIR_NAME=${BUILD_DIR_NAME:-target}
dist() { ls -d "launcher/$BUILD_DIR_NAME"/ims-e2ae-*-dist 2>/dev/null | head -n 1; }

needs_build() {
  local d; d=$(dist)
  [ "${IMS_E2AE_REBUILD:-0}" = 1 ] && return 0
  [ -z "$d" ] || [ ! -x "$d/bin/ims-e2ae" ] && return 0
  [ -n "$(find pom.xml sdes iq-protocol imsagw-media pcscf-plugin launcher \
      \( -path '*/target*' -prune \) -o -type f -newer "$d/bin/ims-e2ae" -print -quit)" ]
}

# Looking at a running one (state, help, version) never rebuilds under it.
case "${1:-}" in
  state|--help|-h|--version|-V) [ -n "$(dist)" ] && exec "$(dist)/bin/ims-e2ae" "$@" ;;
esac

if needs_build; then
  echo "Building ims-e2ae (mvn -q package -pl launcher -am, tests skipped)..." >&2
  # Maven's own Guava warns about sun.misc.Unsafe on JDK 24+; that JVM option quietens it (unknown before 23).
  if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
  mvn -B -ntp -q -Dstyle.color=never -Dbuild.dir.name="$BUILD_DIR_NAME" -pl launcher -am package \
    -Dmaven.test.skip=true 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' >&2
fi
exec "$(dist)/bin/ims-e2ae" "$@"
