# Sourced by the scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Order: an existing JAVA_HOME if it is new enough, `java` on the PATH, then every JDK under /usr/lib/jvm (newest first).

java_major() { # $1 = java binary; prints the feature version (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1
}

find_jdk21() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
      local v; v=$(java_major "$c/bin/java")
      if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$c"; return 0; fi
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk21); then
  echo "No JDK >= 21 found (looked at JAVA_HOME, the PATH and /usr/lib/jvm)." >&2
  echo "Install one, e.g.: apt-get install openjdk-21-jdk-headless (Debian 13) or a Temurin 21+ JDK, then re-run." >&2
  exit 3
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
