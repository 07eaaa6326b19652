#!/usr/bin/env bash
# Media relay load (issue 6, "Speed"): the Java gateway (ims.benchmarks.relay.LoadGateway: the real MediaRelay with
# one e2ae context per call set up through RelayGatewayHandler, in its own JVM with the SRTP add-opens flags) and the
# minimal C relay (benchmarks/src/main/c/relay_floor.c: recvmmsg/sendmmsg batches of 32 + libsrtp with OpenSSL)
# driven one after the other by the same load generator (benchmarks/src/main/c/relay_load_gen.c, libsrtp) with the
# same schedule. See BENCHMARKS.md, "Media relay (issue 6)", for what each figure means.
#
#   benchmarks/run-relay-load.sh                       # sweep + half load + uplink only + 2x overload + recovery, both relays
#   QUICK=1 benchmarks/run-relay-load.sh               # short steps, to check the harness (about 2 minutes)
#   MODE=steady RELAYS=java STEADY_CALLS=500 STEADY_SECS=600 benchmarks/run-relay-load.sh   # the 10-minute heap run
#   JFR=1 ...                                          # also record a JFR profile of the Java gateway (hot methods)
#   SKIP_BUILD=1 ...                                   # reuse the jar and the C programs of the last run
#   REF=HEAD ...                                       # build gateway and C programs from a commit (git archive into
#                                                      # benchmarks/target-load/src-<sha>), not from the working tree
#
# Environment (defaults): RELAYS ("java floor"), MODE (sweep | steady | fixed), CALLS (3000 contexts set up; the
# sweep stops at CALLS/2 so the overload step has 2x), START (100 calls), GROWTH (1.5), STEP_SECS (5),
# WARMUP_SECS (10), LATENCY_SECS (10), OVERLOAD_SECS (10), RECOVERY_SECS (10), UPLINK_CALLS (1000: the SRTP->RTP-only
# step, the same for both relays), SINKS (4 generator sockets per side), PIN (1: relay on CPU 0, generator on CPU 1),
# GEN_RT (1: generator SCHED_FIFO), SETUP (handler | iq: how the Java gateway's calls are set up),
# LOOPS (event loops of the Java gateway = threads of the floor; 1 when pinned, else nproc), NICE (0), JAVA_BATCH
# (recvmmsg batch of the gateway, 16 = RelayConfig.of), FLOOR_BATCH (32), JAVA_HEAP (512m), JAVA_OPTS (),
# STEADY_CALLS / STEADY_SECS / FIXED_CALLS / FIXED_SECS.
#
# Every process is started by this script, bounded (the generator's -max-seconds, the relays' -max-seconds, a
# timeout around each phase) and killed by pid when the script ends, whatever the way it ends. Results go to
# benchmarks/target-load/relay-results/<UTC time>/ (not committed). Needs root or sudo once to install packages and
# to fetch libsrtp's Debian source (like run-srtp.sh, into benchmarks/target-bench/libsrtp/, shared with it).
set -euo pipefail

# The whole script is one function, read in full before it runs: editing the file during a run cannot change it.
main() {
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/jdk.sh
. scripts/packages.sh

RELAYS=${RELAYS:-"java floor"}
MODE=${MODE:-sweep}
case "$MODE" in
  steady) CALLS=${CALLS:-${STEADY_CALLS:-500}} ;;
  fixed) CALLS=${CALLS:-${FIXED_CALLS:-200}} ;;
  *) CALLS=${CALLS:-3000} ;;
esac
START=${START:-100}
GROWTH=${GROWTH:-1.5}
STEP_SECS=${STEP_SECS:-5}
WARMUP_SECS=${WARMUP_SECS:-10}
LATENCY_SECS=${LATENCY_SECS:-10}
OVERLOAD_SECS=${OVERLOAD_SECS:-10}
RECOVERY_SECS=${RECOVERY_SECS:-10}
SINKS=${SINKS:-4}
# PIN=1 (default with 2+ CPUs): the relay on CPU 0 with one event loop (one thread for the floor), the generator on
# CPU 1, so the relay's limit is a per-core limit and the generator does not take the relay's CPU. PIN=0: no pinning,
# LOOPS event loops (nproc).
if [ "$(nproc)" -ge 2 ]; then PIN=${PIN:-1}; else PIN=0; fi
if [ "$PIN" = 1 ]; then LOOPS=${LOOPS:-1}; else LOOPS=${LOOPS:-$(nproc)}; fi
# NICE=-10 runs generator and relay (both alike) ahead of other work on a shared machine (needs root); 0 leaves it.
NICE=${NICE:-0}
# GEN_RT=1 (default when permitted): the generator runs SCHED_FIFO (chrt -f 10), so its 1 ms ticks and its receives
# are served on time even on a busy machine; it sleeps in epoll_wait between them (about 0.1-0.3 of a CPU). The relay
# keeps the normal policy: it is measured as it is scheduled.
if [ -z "${GEN_RT:-}" ]; then
  if command -v chrt >/dev/null && chrt -f 10 true 2>/dev/null; then GEN_RT=1; else GEN_RT=0; fi
fi
UPLINK_CALLS=${UPLINK_CALLS:-1000}
# SETUP=iq: the Java gateway's calls are set up over real Iq (the project's controller -> IqGatewayServer over UDP on
# 127.0.0.1, both in the gateway's JVM); handler (default): the same Adds handed straight to RelayGatewayHandler.
SETUP=${SETUP:-handler}
JAVA_BATCH=${JAVA_BATCH:-16}
FLOOR_BATCH=${FLOOR_BATCH:-32}
JAVA_HEAP=${JAVA_HEAP:-512m}
# Extra JVM flags for the gateway. Note: pinned to one CPU the JVM picks the Serial collector (G1 needs 2+ CPUs);
# the GC log's first line says which one ran. JAVA_OPTS=-XX:+UseG1GC to force G1.
JAVA_OPTS=${JAVA_OPTS:-}
STEADY_CALLS=${STEADY_CALLS:-500}
STEADY_SECS=${STEADY_SECS:-600}
FIXED_CALLS=${FIXED_CALLS:-200}
FIXED_SECS=${FIXED_SECS:-10}
if [ -n "${QUICK:-}" ]; then
  [ "$MODE" = sweep ] && CALLS=${QUICK_CALLS:-1200}
  START=50; GROWTH=2; STEP_SECS=2; WARMUP_SECS=3; LATENCY_SECS=3; OVERLOAD_SECS=3
  RECOVERY_SECS=3; STEADY_SECS=20
fi
# The root pom's srtp.jvm.flags: the SRTP engine's fast paths (SHA-1 midstate HMAC, CLMUL GHASH).
SRTP_FLAGS=$(sed -n 's:.*<srtp.jvm.flags>\(.*\)</srtp.jvm.flags>.*:\1:p' pom.xml)
[ -n "$SRTP_FLAGS" ] || { echo "srtp.jvm.flags not found in pom.xml" >&2; exit 2; }

WORK=$ROOT/benchmarks/target-load
BIN=$WORK/c
JAR=$WORK/benchmarks.jar
SRC=$ROOT
if [ -n "${REF:-}" ]; then   # a commit's sources, so another session's uncommitted work is not measured
  REF_SHA=$(git rev-parse --short "$REF^{commit}")
  SRC=$WORK/src-$REF_SHA
  BIN=$SRC/benchmarks/target-load/c
  JAR=$SRC/benchmarks/target-load/benchmarks.jar
fi
OUT=$WORK/relay-results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT" "$BIN"
log() { echo "[run-relay-load] $*" >&2; }

# ------------------------------------------------------------------ processes: started here, always ended here
PIDS=()
stop_pid() {   # TERM, up to 10 s, then KILL; only pids this script started
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "pid $pid did not stop on TERM; KILL"
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ build
build_libsrtp_openssl() {   # the same build as run-srtp.sh (Debian's libsrtp2 source, ./configure --enable-openssl)
  local work=$ROOT/benchmarks/target-bench src
  src=$(ls -d "$work"/libsrtp/libsrtp2-*/ 2>/dev/null | head -n 1 || true)
  if [ -z "$src" ]; then
    if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      log "no deb-src entry: run benchmarks/run-srtp.sh once (it adds one), or add it by hand"; exit 2
    fi
    mkdir -p "$work/libsrtp"
    (cd "$work/libsrtp" && apt-get source -q libsrtp2 >&2)
    src=$(ls -d "$work"/libsrtp/libsrtp2-*/ | head -n 1)
  fi
  src=${src%/}
  if [ ! -f "$src/libsrtp2.a" ] || ! grep -q '^#define OPENSSL 1' "$src/crypto/include/config.h" 2>/dev/null; then
    log "building $(basename "$src") with OpenSSL"
    (cd "$src" && ./configure -q --enable-openssl >&2 && make -s -j"$(nproc)" libsrtp2.a >&2)
  fi
  LIBSRTP_SRC=$src
}

if [ -z "${SKIP_BUILD:-}" ]; then
  ensure_packages gcc libc6-dev make libssl-dev dpkg-dev
  build_libsrtp_openssl
  if [ -n "${REF:-}" ]; then
    log "sources of $REF_SHA -> $SRC (git archive; the checkout is untouched)"
    rm -rf "$SRC"; mkdir -p "$SRC"
    git archive "$REF_SHA" | tar -x -C "$SRC"
    mkdir -p "$BIN"
  fi
  for prog in relay_load_gen relay_floor; do
    gcc -O2 -Wall -Wextra -pthread -I"$LIBSRTP_SRC/include" -o "$BIN/$prog" "$SRC/benchmarks/src/main/c/$prog.c" \
      "$LIBSRTP_SRC/libsrtp2.a" -lcrypto -lm
  done
  log "building benchmarks.jar (mvn -pl benchmarks -am package, build folder target-load)"
  (cd "$SRC" && mvn -B -ntp -q -Dbuild.dir.name=target-load -pl benchmarks -am package -Dmaven.test.skip=true >&2)
fi

# fds: the gateway holds 4 sockets per call (RTP + RTCP on both sides), the floor 2.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
need=$((4 * CALLS + 512))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  log "open-file limit $(ulimit -n) < $need needed for CALLS=$CALLS"; exit 2
fi

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), nproc $(nproc), $(grep -m1 -o 'cpu MHz.*' /proc/cpuinfo)"
  echo "kernel: $(uname -r)"
  echo "jdk: $(java -version 2>&1 | head -n 2 | tr '\n' ' ')"
  echo "jvm flags: $SRTP_FLAGS -Xmx$JAVA_HEAP -Xlog:gc $JAVA_OPTS"
  echo "libsrtp: $(basename "${LIBSRTP_SRC:-$(ls -d "$ROOT"/benchmarks/target-bench/libsrtp/libsrtp2-*/ | head -n 1)}") + $(openssl version 2>/dev/null || echo libssl)"
  if git rev-parse --git-dir >/dev/null 2>&1; then
    if [ -n "${REF:-}" ]; then
      echo "git: built from commit $REF_SHA (git archive; checkout at $(git rev-parse --short HEAD))"
    else
      echo "git: $(git rev-parse --short HEAD)$(git diff --quiet -- imsagw-media benchmarks || echo ' (+ uncommitted changes in imsagw-media or benchmarks)')"
    fi
  else
    echo "source: ${SOURCE_NOTE:-not a git checkout}"
  fi
  echo "settings: SETUP=$SETUP PIN=$PIN NICE=$NICE GEN_RT=$GEN_RT UPLINK_CALLS=$UPLINK_CALLS RELAYS='$RELAYS' MODE=$MODE CALLS=$CALLS START=$START GROWTH=$GROWTH STEP_SECS=$STEP_SECS WARMUP_SECS=$WARMUP_SECS LATENCY_SECS=$LATENCY_SECS OVERLOAD_SECS=$OVERLOAD_SECS RECOVERY_SECS=$RECOVERY_SECS SINKS=$SINKS LOOPS=$LOOPS JAVA_BATCH=$JAVA_BATCH FLOOR_BATCH=$FLOOR_BATCH"
  echo "load before: $(cat /proc/loadavg)"
} | tee "$OUT/environment.txt" >&2

case "$MODE" in
  sweep) GEN_MODE=(-mode sweep -start "$START" -growth "$GROWTH" -step-secs "$STEP_SECS" -warmup-secs "$WARMUP_SECS"
           -uplink-calls "$UPLINK_CALLS"
           -latency-secs "$LATENCY_SECS" -overload-secs "$OVERLOAD_SECS" -recovery-secs "$RECOVERY_SECS")
         BUDGET=1500 ;;
  steady) GEN_MODE=(-mode steady -calls-used "$STEADY_CALLS" -secs "$STEADY_SECS" -interval 10)
          BUDGET=$((STEADY_SECS + 300)) ;;
  fixed) GEN_MODE=(-mode fixed -calls-used "$FIXED_CALLS" -secs "$FIXED_SECS" -warmup-secs "$WARMUP_SECS")
         BUDGET=$((FIXED_SECS + WARMUP_SECS + 300)) ;;
  *) echo "MODE must be sweep, steady or fixed" >&2; exit 2 ;;
esac

# Pinning and priority (exec'd, so $! is the program's own pid).
RELAY_CPU=(nice -n "$NICE"); GEN_CPU=(nice -n "$NICE")
if [ "$PIN" = 1 ]; then RELAY_CPU+=(taskset -c 0); GEN_CPU+=(taskset -c 1); fi
if [ "$GEN_RT" = 1 ]; then GEN_CPU+=(chrt -f 10); fi

# One relay under the generator: generator first (binds its sinks, writes the plan), then the relay (reads the plan,
# sets up the calls, writes the ports), then the generator runs its schedule; the relay is stopped afterwards.
run_phase() {
  local relay=$1 dir=$OUT/$1 gen relay_pid
  mkdir -p "$dir"
  log "$relay: load $(cut -d' ' -f1-3 /proc/loadavg), $CALLS contexts"
  echo "$relay: load before: $(cat /proc/loadavg)" >>"$OUT/environment.txt"
  "${GEN_CPU[@]}" "$BIN/relay_load_gen" -plan "$dir/plan" -ports "$dir/ports" -calls "$CALLS" -sinks "$SINKS" \
    -setup-timeout 180 -max-seconds "$BUDGET" -relay-cpus "$([ "$PIN" = 1 ] && echo 1 || echo "$LOOPS")" "${GEN_MODE[@]}" >"$dir/gen.out" 2>"$dir/gen.err" &
  gen=$!; PIDS+=("$gen")
  local i
  for i in $(seq 300); do [ -f "$dir/plan" ] && break; kill -0 "$gen" 2>/dev/null || break; sleep 0.1; done
  [ -f "$dir/plan" ] || { log "$relay: the generator wrote no plan"; cat "$dir/gen.err" >&2; return 1; }
  case "$relay" in
    java)
      local jfr=()
      [ -n "${JFR:-}" ] && jfr=("-XX:StartFlightRecording=filename=$dir/gateway.jfr,settings=profile,dumponexit=true")
      # shellcheck disable=SC2086
      "${RELAY_CPU[@]}" java $SRTP_FLAGS $JAVA_OPTS --enable-native-access=ALL-UNNAMED -Xmx"$JAVA_HEAP" -Xlog:gc:file="$dir/gc.log":uptime "${jfr[@]}" \
        -cp "$JAR" ims.benchmarks.relay.LoadGateway -plan "$dir/plan" -ports "$dir/ports" -loops "$LOOPS" \
        -batch "$JAVA_BATCH" -setup "$SETUP" -max-seconds "$((BUDGET + 60))" -heap-interval 10 >"$dir/relay.out" 2>"$dir/relay.err" &
      ;;
    floor)
      "${RELAY_CPU[@]}" "$BIN/relay_floor" -plan "$dir/plan" -ports "$dir/ports" -threads "$LOOPS" -batch "$FLOOR_BATCH" \
        -max-seconds "$((BUDGET + 60))" >"$dir/relay.out" 2>"$dir/relay.err" &
      ;;
    *) log "unknown relay $relay"; return 1 ;;
  esac
  relay_pid=$!; PIDS+=("$relay_pid")
  # The generator ends by itself (its own alarm at BUDGET s); this loop is the outer bound.
  local deadline=$((SECONDS + BUDGET + 30)) status=0
  while kill -0 "$gen" 2>/dev/null; do
    if [ $SECONDS -gt $deadline ]; then log "$relay: generator over its budget"; stop_pid "$gen"; break; fi
    if ! kill -0 "$relay_pid" 2>/dev/null; then log "$relay: relay exited early"; cat "$dir/relay.err" >&2; stop_pid "$gen"; break; fi
    sleep 1
  done
  wait "$gen" || status=$?
  stop_pid "$relay_pid"
  wait "$relay_pid" 2>/dev/null || true
  echo "$relay: load after: $(cat /proc/loadavg)" >>"$OUT/environment.txt"
  cat "$dir/gen.out"
  [ -s "$dir/gen.err" ] && { log "$relay: generator stderr:"; cat "$dir/gen.err" >&2; }
  if [ "$relay" = java ]; then
    heap_summary "$dir"
    if [ -n "${JFR:-}" ] && [ -f "$dir/gateway.jfr" ]; then
      jfr view --width 200 hot-methods "$dir/gateway.jfr" >"$dir/hot-methods.txt" 2>&1 || true
      jfr view --width 200 allocation-by-site "$dir/gateway.jfr" >"$dir/allocation-by-site.txt" 2>&1 || true
      echo "--- JFR (gateway, whole run incl. warm-up): $dir/hot-methods.txt, $dir/allocation-by-site.txt"
      head -n 30 "$dir/hot-methods.txt"; head -n 20 "$dir/allocation-by-site.txt"
    fi
  fi
  return $status
}

# Heap in use after each collection over the run, from the gateway's GC log (-Xlog:gc: "Pause ... 75M->26M(380M)").
heap_summary() {
  local dir=$1
  grep '^HEAP' "$dir/relay.err" >"$dir/heap.txt" || true
  awk '/Pause/ && /->/ {
         t = $1; gsub(/[\[\]s]/, "", t)
         for (i = 1; i <= NF; i++) if ($i ~ /->/) { split($i, p, "->"); after = p[2]; sub(/M.*/, "", after) }
         ms = $NF; sub(/ms/, "", ms)
         n++; T[n] = t; A[n] = after + 0; total += ms; if (ms + 0 > worst) worst = ms + 0
         if ($0 ~ /Pause Full/) full++
         if ($0 ~ /Mixed/) mixed++ }
       END { if (n == 0) { print "RESULT heap: no collections in the GC log"; exit }
             h = int(n / 2); m1 = 0; m2 = 0
             for (i = 1; i <= n; i++) { if (i <= h) { if (A[i] > m1) m1 = A[i] } else if (A[i] > m2) m2 = A[i] }
             printf "RESULT heap after-GC: %d collections (%d mixed, %d full), first %dM at %ss, last %dM at %ss, max in first half %dM, in second half %dM; pauses total %.0f ms, longest %.1f ms\n",
                    n, mixed, full, A[1], T[1], A[n], T[n], m1, m2, total, worst }' "$dir/gc.log"
  echo "(GC log: $dir/gc.log, collector: $(grep -m1 -o 'Using .*' "$dir/gc.log"); the gateway's heap every 10 s: $dir/heap.txt)"
}

status=0
for relay in $RELAYS; do
  echo "=== $relay ===" | tee -a "$OUT/summary.txt"
  # Not a pipeline: run_phase must run in this shell, so the EXIT trap knows every pid it started.
  run_phase "$relay" > >(tee -a "$OUT/summary.txt") 2>&1 || status=1
done
echo "load after: $(cat /proc/loadavg)" >>"$OUT/environment.txt"

# Java beside the floor: the RESULT lines of both phases, and the ratios of the per-CPU-second figures.
if [ "$MODE" = sweep ] && [[ " $RELAYS " == *" java "* ]] && [[ " $RELAYS " == *" floor "* ]]; then
  {
    echo "=== java / floor ==="
    for key in 'max_clean_calls=' 'srtp_to_rtp_per_cpu_s=' 'fraction_of_peak='; do
      j=$(grep -o "$key[0-9.]*" "$OUT/java/gen.out" | head -n 1 | cut -d= -f2)
      f=$(grep -o "$key[0-9.]*" "$OUT/floor/gen.out" | head -n 1 | cut -d= -f2)
      ratio=$(awk -v j="${j:-0}" -v f="${f:-0}" 'BEGIN { if (f > 0) printf "%.2f", j / f; else print "n/a" }')
      echo "${key%=}: java ${j:-?}, floor ${f:-?}, java/floor $ratio"
    done
    echo "forwarded packets (both directions) per CPU-second of the relay process, sweep steps at equal load:"
    echo "| calls | java fwd/CPU-s | java loss up/down | floor fwd/CPU-s | floor loss up/down | java/floor |"
    echo "|---:|---:|---|---:|---|---:|"
    awk 'FNR == 1 { side++ }
         /^STEP (sweep|bisect) / { c = ""; for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
           c = v["calls"]; key = side SUBSEP c; F[key] = v["fwd_per_cpu_s"]; L[key] = v["loss_up"] "/" v["loss_down"]
           if (!(c in seen)) { seen[c] = 1; order[++n] = c } }
         END { for (k = 1; k <= n; k++) { c = order[k]; j = F[1 SUBSEP c]; f = F[2 SUBSEP c]
                 if (j == "" || f == "") continue
                 printf "| %s | %s | %s | %s | %s | %.2f |\n", c, j, L[1 SUBSEP c], f, L[2 SUBSEP c], (f > 0 ? j / f : 0) } }' \
      "$OUT/java/gen.out" "$OUT/floor/gen.out"
    j=$(grep '^RESULT impl' "$OUT/java/gen.out" | grep -o ' fwd_per_cpu_s=[0-9]*' | cut -d= -f2)
    f=$(grep '^RESULT impl' "$OUT/floor/gen.out" | grep -o ' fwd_per_cpu_s=[0-9]*' | cut -d= -f2)
    echo "both-way fwd_per_cpu_s at each one's max clean load: java ${j:-?}, floor ${f:-?}, java/floor $(awk -v j="${j:-0}" -v f="${f:-0}" 'BEGIN { if (f > 0) printf "%.2f", j / f; else print "n/a" }')"
  } | tee -a "$OUT/summary.txt"
fi
cat "$OUT/environment.txt" >&2
log "results in $OUT (summary.txt, <relay>/gen.out, java/heap.txt, java/gc.log)"
exit $status
}

main "$@"
