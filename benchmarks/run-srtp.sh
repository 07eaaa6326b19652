#!/usr/bin/env bash
# SRTP speed: our engine (ims.media.srtp) and jitsi-srtp in one JMH run, libsrtp 2 built with OpenSSL (the speed
# reference of issue 4) and Debian's NSS-built libsrtp2 driven by benchmarks/src/main/c/srtp_bench.c, then one
# table with the ratios. See BENCHMARKS.md ("SRTP/SRTCP engine") for the method and the last results.
#
#   benchmarks/run-srtp.sh                      # everything, about 35 minutes on 2 vCPUs
#   MODES=jmh benchmarks/run-srtp.sh            # JMH wall time only (about 20 minutes); MODES=cpu: CPU time only
#   JMH_OPTS="-f 1 -wi 1 -w 1s -i 3 -r 1s" C_OPTS="-wi 1 -w 1 -i 3 -r 1" benchmarks/run-srtp.sh   # quick look
#   SUITES="AES_CM_128_HMAC_SHA1_80 AEAD_AES_128_GCM" SIZES="160" IMPLS="ims,jitsi" benchmarks/run-srtp.sh
#   SKIP_BUILD=1 ...                            # reuse the jar and the C programs of the last run
#
# Needs root (or sudo) once: installs gcc, make, libssl-dev, libsrtp2-dev, dpkg-dev when missing, and adds a
# deb-src entry for the machine's Debian suite so `apt-get source libsrtp2` works. libsrtp's source is unpacked
# under benchmarks/target-bench/ (ignored by git), never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/jdk.sh
. scripts/packages.sh

SUITES=${SUITES:-"AES_CM_128_HMAC_SHA1_80 AES_CM_128_HMAC_SHA1_32 AES_256_CM_HMAC_SHA1_80 AEAD_AES_128_GCM AEAD_AES_256_GCM"}
SIZES=${SIZES:-"160 1200"}
IMPLS=${IMPLS:-"ims,jitsi"}
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -w 2s -i 5 -r 2s"}
C_OPTS=${C_OPTS:-"-wi 3 -w 2 -i 5 -r 2"}
NSS_OPTS=${NSS_OPTS:-"-wi 2 -w 1 -i 5 -r 1"}   # the NSS build is a second column only: shorter iterations
CPU_OPTS=${CPU_OPTS:-"-wi 3 -w 1 -i 5 -r 1"}  # thread-CPU-time runs (Java and C), shorter iterations
MODES=${MODES:-"jmh cpu"}
# Our engine once more with java.base opened to it ("ims-opens": SHA-1 midstate HMAC, CLMUL GHASH); 0 to skip.
IMS_OPENS=${IMS_OPENS:-1}
ADD_OPENS="--add-opens=java.base/sun.security.provider=ALL-UNNAMED --add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED"
WORK=$ROOT/benchmarks/target-bench
OUT=$WORK/srtp-results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
log() { echo "[run-srtp] $*" >&2; }

sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"

ensure_deb_src() {
  if grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then return 0; fi
  . /etc/os-release
  local suite=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}
  log "adding a deb-src entry for Debian $suite (/etc/apt/sources.list.d/debian-src.sources)"
  $sudo tee /etc/apt/sources.list.d/debian-src.sources >/dev/null <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  $sudo apt-get update -q >&2
}

build_libsrtp_openssl() {
  local src
  src=$(ls -d "$WORK"/libsrtp/libsrtp2-*/ 2>/dev/null | head -n 1 || true)
  if [ -z "$src" ]; then
    ensure_deb_src
    mkdir -p "$WORK/libsrtp"
    log "apt-get source libsrtp2 -> $WORK/libsrtp"
    (cd "$WORK/libsrtp" && apt-get source -q libsrtp2 >&2)
    src=$(ls -d "$WORK"/libsrtp/libsrtp2-*/ | head -n 1)
  fi
  src=${src%/}
  if [ ! -f "$src/libsrtp2.a" ] || ! grep -q '^#define OPENSSL 1' "$src/crypto/include/config.h" 2>/dev/null; then
    log "building $(basename "$src") with OpenSSL ($(openssl version 2>/dev/null || echo libssl))"
    (cd "$src" && ./configure -q --enable-openssl >&2 && make -s -j"$(nproc)" libsrtp2.a >&2)
  fi
  LIBSRTP_SRC=$src
}

build_c_benchmarks() {
  build_libsrtp_openssl
  log "compiling srtp_bench (static libsrtp2 + OpenSSL libcrypto; Debian libsrtp2 + NSS)"
  gcc -O2 -Wall -Wextra -I"$LIBSRTP_SRC/include" -o "$WORK/srtp_bench_openssl" \
    benchmarks/src/main/c/srtp_bench.c "$LIBSRTP_SRC/libsrtp2.a" -lcrypto -lm
  gcc -O2 -Wall -Wextra -I/usr/include/srtp2 -o "$WORK/srtp_bench_nss" \
    benchmarks/src/main/c/srtp_bench.c -lsrtp2 -lm
}

build_jar() {
  log "building benchmarks.jar (mvn -pl benchmarks -am package, build folder target-bench)"
  mvn -B -ntp -q -Dbuild.dir.name=target-bench -pl benchmarks -am package -DskipTests >&2
}

ensure_packages gcc libc6-dev make libssl-dev libsrtp2-dev dpkg-dev
if [ -z "${SKIP_BUILD:-}" ]; then
  build_c_benchmarks
  build_jar
else
  LIBSRTP_SRC=$(ls -d "$WORK"/libsrtp/libsrtp2-*/ | head -n 1)
fi

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs, $(lscpu | grep -o -w -E 'aes|vaes|sha_ni|avx2' | sort -u | tr '\n' ' ')"
  echo "kernel: $(uname -r)"
  echo "jdk: $(java -version 2>&1 | tr '\n' ' ')"
  echo "libsrtp (OpenSSL build): $(basename "$LIBSRTP_SRC") + $(openssl version 2>/dev/null || dpkg-query -W -f='libssl ${Version}' libssl-dev)"
  echo "libsrtp (Debian, NSS): $(dpkg-query -W -f='${Version}' libsrtp2-1) + libnss3 $(dpkg-query -W -f='${Version}' libnss3 2>/dev/null || echo '?')"
  echo "modes: $MODES; jmh: $JMH_OPTS -prof gc; C (wall): $C_OPTS; NSS: $NSS_OPTS; CPU-time runs: $CPU_OPTS"
} | tee "$OUT/environment.txt" >&2

JAR=benchmarks/target-bench/benchmarks.jar
IFS=' ' read -r -a suites <<<"$SUITES"
comma() { echo "$1" | tr ' ' ','; }

# Suite by suite, the Java side then libsrtp right after it, so a busy neighbour shifts both sides of a ratio
# rather than one. MODES: "jmh" = JMH wall time with -prof gc (+ libsrtp wall time, + the NSS build);
# "cpu" = the same loops timed in thread CPU time (SrtpCpuTimeBench, srtp_bench -cpu), for a shared machine.
for suite in "${suites[@]}"; do
  if [[ " $MODES " == *" jmh "* ]]; then
    echo "$suite: load before JMH: $(uptime)" >>"$OUT/environment.txt"; log "$suite jmh: load $(cut -d' ' -f1-3 /proc/loadavg)"
    # shellcheck disable=SC2086
    java -jar "$JAR" 'ims\.benchmarks\.srtp\.Srtp(Protect|Unprotect)Benchmark' $JMH_OPTS -prof gc \
      -p impl="$IMPLS" -p suite="$suite" -p payload="$(comma "$SIZES")" \
      -rf csv -rff "$OUT/jmh-$suite.csv" | tee "$OUT/jmh-$suite.txt" >&2
    if [ "$IMS_OPENS" = 1 ]; then
      # shellcheck disable=SC2086
      java -jar "$JAR" 'ims\.benchmarks\.srtp\.Srtp(Protect|Unprotect)Benchmark' $JMH_OPTS -prof gc \
        -jvmArgsAppend "$ADD_OPENS" -p impl=ims-opens -p suite="$suite" -p payload="$(comma "$SIZES")" \
        -rf csv -rff "$OUT/jmh-opens-$suite.csv" | tee "$OUT/jmh-opens-$suite.txt" >&2
    fi
    echo "$suite: load before C: $(uptime)" >>"$OUT/environment.txt"
    # shellcheck disable=SC2086
    "$WORK/srtp_bench_openssl" -impl libsrtp-openssl $C_OPTS -sizes "$(comma "$SIZES")" "$suite" \
      | tee -a "$OUT/libsrtp-openssl.csv" >&2
    # shellcheck disable=SC2086
    "$WORK/srtp_bench_nss" -impl libsrtp-nss $NSS_OPTS -sizes "$(comma "$SIZES")" "$suite" \
      | tee -a "$OUT/libsrtp-nss.csv" >&2
  fi
  if [[ " $MODES " == *" cpu "* ]]; then
    echo "$suite: load before CPU-time runs: $(uptime)" >>"$OUT/environment.txt"; log "$suite cpu: load $(cut -d' ' -f1-3 /proc/loadavg)"
    impls=$(echo "$IMPLS" | tr ',' ' '); [ "$IMS_OPENS" = 1 ] && impls="$impls ims-opens"
    for impl in $impls; do
      opens=""; [ "$impl" = ims-opens ] && opens=$ADD_OPENS
      # shellcheck disable=SC2086
      java $opens -cp "$JAR" ims.benchmarks.srtp.SrtpCpuTimeBench -impl "$impl" -suite "$suite" \
        -sizes "$(comma "$SIZES")" $CPU_OPTS | tee -a "$OUT/cpu-java.csv" >&2
    done
    # shellcheck disable=SC2086
    "$WORK/srtp_bench_openssl" -cpu -impl libsrtp-openssl $CPU_OPTS -sizes "$(comma "$SIZES")" "$suite" \
      | tee -a "$OUT/cpu-libsrtp-openssl.csv" >&2
  fi
done
echo "load after: $(uptime)" >>"$OUT/environment.txt"

if [[ " $MODES " == *" jmh "* ]]; then
  first=1
  for f in "$OUT"/jmh-*.csv; do
    if [ $first = 1 ]; then cat "$f"; first=0; else tail -n +2 "$f"; fi
  done >"$OUT/jmh.csv"
  echo "## wall time (JMH; libsrtp: srtp_bench)"
  java -cp "$JAR" ims.benchmarks.srtp.SrtpReport "$OUT/jmh.csv" "$OUT/libsrtp-openssl.csv" "$OUT/libsrtp-nss.csv" \
    | tee "$OUT/table-wall.md"
fi
if [[ " $MODES " == *" cpu "* ]]; then
  echo; echo "## thread CPU time (SrtpCpuTimeBench; libsrtp: srtp_bench -cpu)"
  java -cp "$JAR" ims.benchmarks.srtp.SrtpReport "$OUT/cpu-java.csv" "$OUT/cpu-libsrtp-openssl.csv" \
    | tee "$OUT/table-cpu.md"
fi
log "results in $OUT"
