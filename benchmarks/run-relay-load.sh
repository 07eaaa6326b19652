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
#   MODE=capacity TRAINS="1 8 32" ...                  # only the capacity phase (SRTP->RTP in trains of K packets)
#   QUOTA=0.5 ...                                      # each relay in a cgroup with half a CPU: the relay is the bottleneck
#   LOAD_WORK=benchmarks/target-load-<me> ...          # own build and results folder (two people measuring at once)
#
# Environment (defaults): RELAYS ("java floor"), MODE (sweep | steady | fixed), CALLS (3000 contexts set up; the
# sweep stops at CALLS/2 so the overload step has 2x), START (100 calls), GROWTH (1.5), STEP_SECS (5),
# WARMUP_SECS (10), LATENCY_SECS (10), OVERLOAD_SECS (10), RECOVERY_SECS (10), UPLINK_CALLS (1000: the SRTP->RTP-only
# step, the same for both relays), SINKS (4 generator sockets per side), PIN (1: relay on CPU 0, generator on CPU 1),
# GEN_RT (1: generator SCHED_FIFO), SETUP (handler | iq: how the Java gateway's calls are set up),
# LOOPS (event loops of the Java gateway = threads of the floor; 1 when pinned, else nproc), NICE (0), JAVA_BATCH
# (recvmmsg batch of the gateway, 16 = RelayConfig.of), FLOOR_BATCH (32), JAVA_HEAP (512m), JAVA_OPTS (),
# STEADY_CALLS / STEADY_SECS / FIXED_CALLS / FIXED_SECS; TRAINS ("1 8 32"), CAPACITY_CALLS (UPLINK_CALLS),
# CAPACITY_SECS (5), TRAIN (1), TICK_US (100), SEND_BATCH (16), MAX_DELAY_MS (100), QUOTA (none), QUOTA_PERIOD_US
# (10000), HALT_POLL_NS and RELAY_RT (diagnostics), LOAD_WORK (benchmarks/target-load), RTPENGINE_* (see below). RELAYS adds rtpengine by default when its
# driver is in the sources and the Debian package is installable.
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

# rtpengine (Debian rtpengine-daemon, userspace) joins the default relays when the driver that sets its calls up is in
# the sources and the package is installed or installable.
RTPENGINE_DRIVER_SRC=benchmarks/src/main/java/ims/benchmarks/relay/rtpengine/RtpengineCalls.java
if [ -z "${RELAYS:-}" ]; then
  RELAYS="java floor"
  if [ -f "$RTPENGINE_DRIVER_SRC" ] && { command -v rtpengine >/dev/null || apt-cache show rtpengine-daemon >/dev/null 2>&1; }; then
    RELAYS="java floor rtpengine"
  fi
fi
RTPENGINE_BIN=${RTPENGINE_BIN:-rtpengine}
RTPENGINE_PORT_MIN=${RTPENGINE_PORT_MIN:-20000}   # rtpengine spreads ports ~30 apart: 3,000 calls fit in 20000-39999
RTPENGINE_PORT_MAX=${RTPENGINE_PORT_MAX:-39999}
RTPENGINE_LOG_LEVEL=${RTPENGINE_LOG_LEVEL:-4}     # warnings: no per-call log lines during the run
RTPENGINE_OPTS=${RTPENGINE_OPTS:-}
RTPENGINE_DRIVER_OPTS=${RTPENGINE_DRIVER_OPTS:-}
MODE=${MODE:-sweep}
case "$MODE" in
  steady) CALLS=${CALLS:-${STEADY_CALLS:-500}} ;;
  fixed) CALLS=${CALLS:-${FIXED_CALLS:-200}} ;;
  capacity) CALLS=${CALLS:-${CAPACITY_CALLS:-${UPLINK_CALLS:-1000}}} ;;
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
# GEN_RT=1 (default when permitted): the generator runs SCHED_FIFO (chrt -f 10), so its ticks and its receives
# are served on time even on a busy machine; it sleeps in epoll_wait between them (about 0.1-0.3 of a CPU). The relay
# keeps the normal policy: it is measured as it is scheduled.
if [ -z "${GEN_RT:-}" ]; then
  if command -v chrt >/dev/null && chrt -f 10 true 2>/dev/null; then GEN_RT=1; else GEN_RT=0; fi
fi
UPLINK_CALLS=${UPLINK_CALLS:-1000}
# Capacity phase (at the end of the sweep, or alone with MODE=capacity): SRTP->RTP only at
# CAPACITY_CALLS calls, once per train size in TRAINS: each call sends K packets back to back every K x 20 ms (the
# same mean 50 packets/s), so the relays' recvmmsg/sendmmsg see batches; TRAINS="" leaves the phase out.
TRAINS=${TRAINS-1 8 32}
CAPACITY_CALLS=${CAPACITY_CALLS:-$UPLINK_CALLS}
CAPACITY_SECS=${CAPACITY_SECS:-5}
# SEND_BATCH: datagrams per sendmmsg of the generator on one sink socket (16). TRAIN: the train size of the sweep,
# fixed and steady modes (1 = the G.711 shape).
SEND_BATCH=${SEND_BATCH:-16}
TRAIN=${TRAIN:-1}
# TICK_US: the generator's pacing timer (100 µs: each call sends in its own 100 µs slot of the 20 ms period; with
# 1000 µs, the old default, calls/20 calls send in the same instant, a burst the relay queues; see BENCHMARKS.md).
TICK_US=${TICK_US:-100}
# MAX_DELAY_MS: a packet arriving later than this after it was sent counts as lost ("overdue"; a jitter buffer has
# given up on it), so a relay that queues seconds of audio and catches up in the drain does not pass a step.
MAX_DELAY_MS=${MAX_DELAY_MS:-100}
# QUOTA=<fraction of a CPU, e.g. 0.5>: each relay runs in its own cgroup with that CPU quota (cgroup v1 cpu
# controller or cgroup v2 cpu.max; needs root), period QUOTA_PERIOD_US (10000 µs: a throttled relay waits at most
# ~10 ms), so the relay and not the generator is the bottleneck: the sweep finds the clean load under the quota and
# the 2x overload step is a real 2x. The cgroup is removed when the phase ends.
QUOTA=${QUOTA:-}
QUOTA_PERIOD_US=${QUOTA_PERIOD_US:-10000}
# HALT_POLL_NS=<ns> (a diagnostic, needs root, changes the whole VM for the run): the guest's cpuidle-haltpoll poll
# time (/sys/module/haltpoll/parameters/guest_halt_poll_ns, 0 on this VM kind: an idle vCPU halts at once and each
# wake-up of a halted vCPU goes through the host). Restored when the script ends.
HALT_POLL_NS=${HALT_POLL_NS:-}
# RELAY_RT=1 (a diagnostic): the relay runs SCHED_FIFO (chrt -f 5), so other processes on its CPU cannot delay its
# wake-ups (a running task's system call still can: this kernel is PREEMPT_NONE). It is then no longer measured as it
# is scheduled in production; the CFS quota does not apply to real-time tasks, so not with QUOTA. Not for the Java
# gateway: chrt makes every JVM thread SCHED_FIFO on the one pinned CPU, and the JVM's threads then starve each other
# (2026-11-23 04:20 UTC, 231 calls: no packet forwarded, the JVM at 95 % of the CPU); the script refuses it.
RELAY_RT=${RELAY_RT:-0}
if [ "$RELAY_RT" = 1 ] && [ -n "$QUOTA" ]; then echo "RELAY_RT=1 and QUOTA exclude each other" >&2; exit 2; fi
case " $RELAYS " in *" java "*) if [ "$RELAY_RT" = 1 ]; then echo "RELAY_RT=1 is for the C floor and rtpengine, not the Java gateway (RELAYS)" >&2; exit 2; fi ;; esac
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
  RECOVERY_SECS=3; STEADY_SECS=20; CAPACITY_SECS=2
fi
# The root pom's srtp.jvm.flags: the SRTP engine's fast paths (SHA-1 midstate HMAC, CLMUL GHASH).
SRTP_FLAGS=$(sed -n 's:.*<srtp.jvm.flags>\(.*\)</srtp.jvm.flags>.*:\1:p' pom.xml)
[ -n "$SRTP_FLAGS" ] || { echo "srtp.jvm.flags not found in pom.xml" >&2; exit 2; }

# LOAD_WORK: the folder of builds and results (default benchmarks/target-load); its name is also the Maven build
# folder name, so two people measuring at once (one run each!) do not share a build.
WORK=${LOAD_WORK:-$ROOT/benchmarks/target-load}
case "$WORK" in /*) ;; *) WORK=$ROOT/$WORK ;; esac
BUILD_DIR_NAME=$(basename "$WORK")
BIN=$WORK/c
JAR=$ROOT/benchmarks/$BUILD_DIR_NAME/benchmarks.jar   # where Maven puts it (build.dir.name)
SRC=$ROOT
if [ -n "${REF:-}" ]; then   # a commit's sources, so another session's uncommitted work is not measured
  REF_SHA=$(git rev-parse --short "$REF^{commit}")
  SRC=$WORK/src-$REF_SHA
  BIN=$SRC/benchmarks/$BUILD_DIR_NAME/c
  JAR=$SRC/benchmarks/$BUILD_DIR_NAME/benchmarks.jar
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
CGROUPS=()
HALT_POLL_FILE=/sys/module/haltpoll/parameters/guest_halt_poll_ns
HALT_POLL_SAVED=""
cleanup() {
  local pid cg
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  for cg in "${CGROUPS[@]}"; do remove_cgroup "$cg"; done
  [ -n "$HALT_POLL_SAVED" ] && echo "$HALT_POLL_SAVED" >"$HALT_POLL_FILE" 2>/dev/null || true
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

if [[ " $RELAYS " == *" rtpengine "* ]]; then
  ensure_packages rtpengine-daemon
  RTPENGINE_BIN=$(command -v "$RTPENGINE_BIN" || echo /usr/bin/rtpengine)
fi
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
  log "building benchmarks.jar (mvn -pl benchmarks -am package, build folder $BUILD_DIR_NAME)"
  (cd "$SRC" && mvn -B -ntp -q -Dbuild.dir.name="$BUILD_DIR_NAME" -pl benchmarks -am package -Dmaven.test.skip=true >&2)
fi

if [ -n "$HALT_POLL_NS" ]; then
  [ -w "$HALT_POLL_FILE" ] || { log "HALT_POLL_NS: $HALT_POLL_FILE is not writable (cpuidle-haltpoll, root)"; exit 2; }
  HALT_POLL_SAVED=$(cat "$HALT_POLL_FILE")
  echo "$HALT_POLL_NS" >"$HALT_POLL_FILE"
fi

# fds: the gateway holds 6 sockets per call (RTP + RTCP on both sides, and a connected twin per RTP port), the floor
# 2. Root may raise the hard limit; others get what the hard limit allows.
ulimit -Hn 65536 2>/dev/null || true
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
need=$((6 * CALLS + 512))
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
  echo "settings: SETUP=$SETUP PIN=$PIN NICE=$NICE GEN_RT=$GEN_RT UPLINK_CALLS=$UPLINK_CALLS RELAYS='$RELAYS' MODE=$MODE CALLS=$CALLS START=$START GROWTH=$GROWTH STEP_SECS=$STEP_SECS WARMUP_SECS=$WARMUP_SECS LATENCY_SECS=$LATENCY_SECS OVERLOAD_SECS=$OVERLOAD_SECS RECOVERY_SECS=$RECOVERY_SECS SINKS=$SINKS LOOPS=$LOOPS JAVA_BATCH=$JAVA_BATCH FLOOR_BATCH=$FLOOR_BATCH SEND_BATCH=$SEND_BATCH TICK_US=$TICK_US MAX_DELAY_MS=$MAX_DELAY_MS TRAIN=$TRAIN TRAINS='$TRAINS' CAPACITY_CALLS=$CAPACITY_CALLS CAPACITY_SECS=$CAPACITY_SECS QUOTA=${QUOTA:-none} QUOTA_PERIOD_US=$QUOTA_PERIOD_US HALT_POLL_NS=${HALT_POLL_NS:-unchanged} RELAY_RT=$RELAY_RT LOAD_WORK=$WORK"
  echo "cpuidle: $(cat /sys/devices/system/cpu/cpuidle/current_driver 2>/dev/null || echo ?), guest_halt_poll_ns $(cat "$HALT_POLL_FILE" 2>/dev/null || echo n/a)"
  echo "load before: $(cat /proc/loadavg)"
} | tee "$OUT/environment.txt" >&2

TRAINS_ARG=(); [ -n "$TRAINS" ] && TRAINS_ARG=(-trains "$(echo $TRAINS | tr ' ' ',')")
case "$MODE" in
  sweep) GEN_MODE=(-mode sweep -start "$START" -growth "$GROWTH" -step-secs "$STEP_SECS" -warmup-secs "$WARMUP_SECS"
           -uplink-calls "$UPLINK_CALLS" "${TRAINS_ARG[@]}" -capacity-calls "$CAPACITY_CALLS" -capacity-secs "$CAPACITY_SECS"
           -latency-secs "$LATENCY_SECS" -overload-secs "$OVERLOAD_SECS" -recovery-secs "$RECOVERY_SECS")
         BUDGET=1600 ;;
  capacity) [ -n "$TRAINS" ] || { echo "MODE=capacity needs TRAINS" >&2; exit 2; }
            GEN_MODE=(-mode capacity -calls-used "$CAPACITY_CALLS" -secs "$CAPACITY_SECS" -warmup-secs "$WARMUP_SECS" "${TRAINS_ARG[@]}")
            BUDGET=$((WARMUP_SECS + 20 * CAPACITY_SECS + 300)) ;;
  steady) GEN_MODE=(-mode steady -calls-used "$STEADY_CALLS" -secs "$STEADY_SECS" -interval 10)
          BUDGET=$((STEADY_SECS + 300)) ;;
  fixed) GEN_MODE=(-mode fixed -calls-used "$FIXED_CALLS" -secs "$FIXED_SECS" -warmup-secs "$WARMUP_SECS")
         BUDGET=$((FIXED_SECS + WARMUP_SECS + 300)) ;;
  *) echo "MODE must be sweep, steady, fixed or capacity" >&2; exit 2 ;;
esac
GEN_MODE+=(-send-batch "$SEND_BATCH" -max-delay-ms "$MAX_DELAY_MS" -tick-us "$TICK_US"); [ "$MODE" != capacity ] && GEN_MODE+=(-train "$TRAIN")

# Pinning and priority (exec'd, so $! is the program's own pid).
RELAY_CPU=(nice -n "$NICE"); GEN_CPU=(nice -n "$NICE")
if [ "$PIN" = 1 ]; then RELAY_CPU+=(taskset -c 0); GEN_CPU+=(taskset -c 1); fi
if [ "$RELAY_RT" = 1 ]; then RELAY_CPU+=(chrt -f 5); fi
GEN_CPU_PLAIN=("${GEN_CPU[@]}")   # the generator's CPU without the real-time policy (the rtpengine driver)
if [ "$GEN_RT" = 1 ]; then GEN_CPU+=(chrt -f 10); fi

# QUOTA: one cgroup per relay phase, cgroup v1 (cpu controller, cfs_quota_us/cfs_period_us) where its cpu hierarchy
# is writable, else cgroup v2 (cpu.max). The relay enters it before it execs (so every thread it starts is in it).
RELAY_CPUS=$([ "$PIN" = 1 ] && echo 1 || echo "$LOOPS")
RELAY_CPU_INDEX=$([ "$PIN" = 1 ] && echo 0 || echo -1)   # its idle time tells a starved relay from one that stopped reading
if [ -n "$QUOTA" ]; then
  QUOTA_US=$(awk -v q="$QUOTA" -v p="$QUOTA_PERIOD_US" 'BEGIN { if (q > 0) printf "%d", q * p; else print 0 }')
  [ "$QUOTA_US" -ge 1000 ] || { echo "QUOTA=$QUOTA: quota of $QUOTA_US µs per $QUOTA_PERIOD_US µs period is too small (>= 1000 µs)" >&2; exit 2; }
  RELAY_CPUS=$QUOTA
fi
make_cgroup() {   # prints the cgroup folder
  local name=ims-relay-load-$$-$1 v2root dir
  if [ -w /sys/fs/cgroup/cpu ] && [ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]; then
    dir=/sys/fs/cgroup/cpu/$name
    mkdir "$dir" && echo "$QUOTA_PERIOD_US" >"$dir/cpu.cfs_period_us" && echo "$QUOTA_US" >"$dir/cpu.cfs_quota_us" || return 1
  else
    for v2root in /sys/fs/cgroup /sys/fs/cgroup/unified; do
      grep -qw cpu "$v2root/cgroup.controllers" 2>/dev/null && break
      v2root=""
    done
    [ -n "$v2root" ] || { log "QUOTA: no writable cgroup cpu controller (v1 /sys/fs/cgroup/cpu or v2 cpu.max)"; return 1; }
    grep -qw cpu "$v2root/cgroup.subtree_control" || echo +cpu >"$v2root/cgroup.subtree_control" || return 1
    dir=$v2root/$name
    mkdir "$dir" && echo "$QUOTA_US $QUOTA_PERIOD_US" >"$dir/cpu.max" || return 1
  fi
  echo "$dir"
}
remove_cgroup() {   # the relay has exited by now; rmdir fails while a task is left, so retry briefly
  local dir=$1 i
  [ -d "$dir" ] || return 0
  for i in $(seq 50); do rmdir "$dir" 2>/dev/null && return 0; sleep 0.1; done
  log "could not remove cgroup $dir"
}
cgroup_throttling() {   # nr_periods nr_throttled throttled_ms, v1 or v2
  awk '/^nr_periods/ { p = $2 } /^nr_throttled/ { t = $2 } /^throttled_time/ { ms = $2 / 1e6 } /^throttled_usec/ { ms = $2 / 1e3 }
       END { printf "periods=%d throttled=%d throttled_ms=%.0f", p, t, ms }' "$1/cpu.stat" 2>/dev/null
}

free_udp_port() {   # a port nothing listens on now (the kernel picks it); rtpengine binds it a moment later
  python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
udp_listening() {   # /proc/net/udp lists local addresses as hex ip:port
  grep -qi "$(printf ':%04X ' "$1")" /proc/net/udp
}

# One relay under the generator: generator first (binds its sinks, writes the plan), then the relay (reads the plan,
# sets up the calls, writes the ports), then the generator runs its schedule; the relay is stopped afterwards.
run_phase() {
  local relay=$1 dir=$OUT/$1 gen relay_pid cg="" in_cgroup=()
  mkdir -p "$dir"
  if [ -n "$QUOTA" ]; then
    cg=$(make_cgroup "$relay") || { log "$relay: QUOTA=$QUOTA needs a cgroup (root)"; return 1; }
    CGROUPS+=("$cg")
    # shellcheck disable=SC2016
    in_cgroup=(sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$cg")
    echo "$relay: cgroup $cg, quota $QUOTA_US µs per $QUOTA_PERIOD_US µs" >>"$OUT/environment.txt"
  fi
  log "$relay: load $(cut -d' ' -f1-3 /proc/loadavg), $CALLS contexts"
  echo "$relay: load before: $(cat /proc/loadavg)" >>"$OUT/environment.txt"
  "${GEN_CPU[@]}" "$BIN/relay_load_gen" -plan "$dir/plan" -ports "$dir/ports" -calls "$CALLS" -sinks "$SINKS" \
    -setup-timeout 180 -max-seconds "$BUDGET" -relay-cpus "$RELAY_CPUS" -relay-cpu "$RELAY_CPU_INDEX" "${GEN_MODE[@]}" >"$dir/gen.out" 2>"$dir/gen.err" &
  gen=$!; PIDS+=("$gen")
  local i
  for i in $(seq 300); do [ -f "$dir/plan" ] && break; kill -0 "$gen" 2>/dev/null || break; sleep 0.1; done
  [ -f "$dir/plan" ] || { log "$relay: the generator wrote no plan"; cat "$dir/gen.err" >&2; return 1; }
  case "$relay" in
    java)
      local jfr=()
      [ -n "${JFR:-}" ] && jfr=("-XX:StartFlightRecording=filename=$dir/gateway.jfr,settings=profile,dumponexit=true")
      # shellcheck disable=SC2086
      "${RELAY_CPU[@]}" "${in_cgroup[@]}" java $SRTP_FLAGS $JAVA_OPTS --enable-native-access=ALL-UNNAMED -Xmx"$JAVA_HEAP" -Xlog:gc:file="$dir/gc.log":uptime "${jfr[@]}" \
        -cp "$JAR" ims.benchmarks.relay.LoadGateway -plan "$dir/plan" -ports "$dir/ports" -loops "$LOOPS" \
        -batch "$JAVA_BATCH" -setup "$SETUP" -max-seconds "$((BUDGET + 60))" -heap-interval 10 >"$dir/relay.out" 2>"$dir/relay.err" &
      ;;
    floor)
      "${RELAY_CPU[@]}" "${in_cgroup[@]}" "$BIN/relay_floor" -plan "$dir/plan" -ports "$dir/ports" -threads "$LOOPS" -batch "$FLOOR_BATCH" \
        -max-seconds "$((BUDGET + 60))" >"$dir/relay.out" 2>"$dir/relay.err" &
      ;;
    rtpengine)
      # rtpengine in userspace (--table=-1: no kernel forwarding), pinned and under the quota like the other relays,
      # LOOPS worker threads; calls never time out during the run. Its ng control port is a free UDP port.
      local ng
      ng=$(free_udp_port)
      "${RELAY_CPU[@]}" "${in_cgroup[@]}" "$RTPENGINE_BIN" --config-file=none --table=-1 --interface=127.0.0.1 \
        --listen-ng=127.0.0.1:"$ng" --port-min="$RTPENGINE_PORT_MIN" --port-max="$RTPENGINE_PORT_MAX" \
        --num-threads="$LOOPS" --delete-delay=0 --timeout="$((BUDGET + 600))" --silent-timeout="$((BUDGET + 600))" \
        --foreground --log-stderr --log-level="$RTPENGINE_LOG_LEVEL" $RTPENGINE_OPTS \
        >"$dir/relay.out" 2>"$dir/relay.err" </dev/null &
      ;;
    *) log "unknown relay $relay"; return 1 ;;
  esac
  relay_pid=$!; PIDS+=("$relay_pid")
  if [ "$relay" = rtpengine ]; then
    # The driver (ims.benchmarks.relay.rtpengine.RtpengineCalls) does offer/answer per call of the plan over ng and
    # writes the ports file (pid = rtpengine's, each port line with the key rtpengine protects with toward the UE).
    for i in $(seq 100); do udp_listening "$ng" && break; kill -0 "$relay_pid" 2>/dev/null || break; sleep 0.1; done
    udp_listening "$ng" || { log "rtpengine: no ng port $ng"; cat "$dir/relay.err" >&2; stop_pid "$gen"; return 1; }
    # shellcheck disable=SC2086
    "${GEN_CPU_PLAIN[@]}" timeout 300 java $RTPENGINE_DRIVER_OPTS -cp "$JAR" ims.benchmarks.relay.rtpengine.RtpengineCalls \
      -plan "$dir/plan" -ports "$dir/ports" -ng 127.0.0.1:"$ng" -pid "$relay_pid" >"$dir/driver.out" 2>"$dir/driver.err" ||
      { log "rtpengine: the driver failed"; cat "$dir/driver.err" >&2; stop_pid "$gen"; return 1; }
  fi
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
  if [ -n "$cg" ]; then
    echo "RESULT quota=$QUOTA period_us=$QUOTA_PERIOD_US $(cgroup_throttling "$cg")" >>"$dir/gen.out"
    remove_cgroup "$cg"
  fi
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

# Heap in use after each collection over the run, from the gateway's GC log (-Xlog:gc): stop-the-world collectors
# log "Pause ... 75M->26M(380M) 3.456ms", ZGC logs its concurrent cycles "Major Collection (Proactive)
# 164M(32%)->98M(19%) 0.404s" (its pauses, well under a millisecond, are not at this log level).
heap_summary() {
  local dir=$1
  grep '^HEAP' "$dir/relay.err" >"$dir/heap.txt" || true
  awk '/->/ && (/Pause/ || /Collection \(/) {
         t = $1; gsub(/[\[\]s]/, "", t)
         for (i = 1; i <= NF; i++) if ($i ~ /->/) { split($i, p, "->"); after = p[2]; sub(/M.*/, "", after) }
         d = $NF
         if (d ~ /ms$/) { sub(/ms$/, "", d) } else { sub(/s$/, "", d); d = d * 1000 }
         n++; T[n] = t; A[n] = after + 0
         if ($0 ~ /Pause/) { pauses++; total += d; if (d + 0 > worst) worst = d + 0 } else { cycles++; cycle_ms += d }
         if ($0 ~ /Pause Full/) full++
         if ($0 ~ /Mixed/) mixed++ }
       END { if (n == 0) { print "RESULT heap: no collections in the GC log"; exit }
             h = int(n / 2); m1 = 0; m2 = 0
             for (i = 1; i <= n; i++) { if (i <= h) { if (A[i] > m1) m1 = A[i] } else if (A[i] > m2) m2 = A[i] }
             printf "RESULT heap after-GC: %d collections (%d mixed, %d full, %d concurrent cycles taking %.0f ms), first %dM at %ss, last %dM at %ss, max in first half %dM, in second half %dM; pauses total %.0f ms, longest %.1f ms\n",
                    n, mixed, full, cycles, cycle_ms, A[1], T[1], A[n], T[n], m1, m2, total, worst }' "$dir/gc.log"
  echo "(GC log: $dir/gc.log, collector: $(grep -m1 -o 'Using .*' "$dir/gc.log"); the gateway's heap every 10 s: $dir/heap.txt)"
}

status=0
for relay in $RELAYS; do
  echo "=== $relay ===" | tee -a "$OUT/summary.txt"
  # Not a pipeline: run_phase must run in this shell, so the EXIT trap knows every pid it started.
  run_phase "$relay" > >(tee -a "$OUT/summary.txt") 2>&1 || status=1
done
echo "load after: $(cat /proc/loadavg)" >>"$OUT/environment.txt"

# Each relay beside the floor: the RESULT lines of each phase, and the ratios of the per-CPU-second figures.
if [ "$MODE" = sweep ] && [[ " $RELAYS " == *" floor "* ]]; then
  for other in $RELAYS; do
    [ "$other" = floor ] && continue
    [ -f "$OUT/$other/gen.out" ] && [ -f "$OUT/floor/gen.out" ] || continue
    {
      echo "=== $other / floor ==="
      for key in 'max_clean_calls=' 'srtp_to_rtp_per_cpu_s=' 'fraction_of_peak='; do
        j=$(grep -o "$key[0-9.]*" "$OUT/$other/gen.out" | head -n 1 | cut -d= -f2)
        f=$(grep -o "$key[0-9.]*" "$OUT/floor/gen.out" | head -n 1 | cut -d= -f2)
        ratio=$(awk -v j="${j:-0}" -v f="${f:-0}" 'BEGIN { if (f > 0) printf "%.2f", j / f; else print "n/a" }')
        echo "${key%=}: $other ${j:-?}, floor ${f:-?}, $other/floor $ratio"
      done
      echo "forwarded packets (both directions) per CPU-second of the relay process, sweep steps at equal load:"
      echo "| calls | $other fwd/CPU-s | $other loss up/down | floor fwd/CPU-s | floor loss up/down | $other/floor |"
      echo "|---:|---:|---|---:|---|---:|"
      awk 'FNR == 1 { side++ }
           /^STEP (sweep|bisect) / { c = ""; for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
             c = v["calls"]; key = side SUBSEP c; F[key] = v["fwd_per_cpu_s"]; L[key] = v["loss_up"] "/" v["loss_down"]
             if (!(c in seen)) { seen[c] = 1; order[++n] = c } }
           END { for (k = 1; k <= n; k++) { c = order[k]; j = F[1 SUBSEP c]; f = F[2 SUBSEP c]
                   if (j == "" || f == "") continue
                   printf "| %s | %s | %s | %s | %s | %.2f |\n", c, j, L[1 SUBSEP c], f, L[2 SUBSEP c], (f > 0 ? j / f : 0) } }' \
        "$OUT/$other/gen.out" "$OUT/floor/gen.out"
      j=$(grep '^RESULT impl' "$OUT/$other/gen.out" | grep -o ' fwd_per_cpu_s=[0-9]*' | cut -d= -f2)
      f=$(grep '^RESULT impl' "$OUT/floor/gen.out" | grep -o ' fwd_per_cpu_s=[0-9]*' | cut -d= -f2)
      echo "both-way fwd_per_cpu_s at each one's max clean load: $other ${j:-?}, floor ${f:-?}, $other/floor $(awk -v j="${j:-0}" -v f="${f:-0}" 'BEGIN { if (f > 0) printf "%.2f", j / f; else print "n/a" }')"
    } | tee -a "$OUT/summary.txt"
  done
fi
# The capacity phase of every relay side by side: SRTP->RTP per relay CPU-second by train size.
if grep -qs '^RESULT capacity' "$OUT"/*/gen.out; then
  {
    echo "=== capacity: SRTP->RTP only, forwarded per relay CPU-second (loss, relay CPU share) by train size ==="
    header="| train |"; rule="|---:|"
    for relay in $RELAYS; do header="$header $relay |"; rule="$rule---:|"; done
    echo "$header"; echo "$rule"
    for t in $(cat "$OUT"/*/gen.out | sed -n 's/^RESULT capacity train=\([0-9]*\).*/\1/p' | sort -n | uniq); do
      line="| $t |"
      for relay in $RELAYS; do
        cell=$(grep -s "^RESULT capacity train=$t " "$OUT/$relay/gen.out" | head -n 1 |
          sed -n 's/.*srtp_to_rtp_per_cpu_s=\([0-9]*\) loss=\([0-9.%]*\) relay_cpu_share=\([0-9.]*\).*/\1 (\2, \3)/p')
        line="$line ${cell:-?} |"
      done
      echo "$line"
    done
  } | tee -a "$OUT/summary.txt"
fi
cat "$OUT/environment.txt" >&2
log "results in $OUT (summary.txt, <relay>/gen.out, java/heap.txt, java/gc.log)"
exit $status
}

main "$@"
