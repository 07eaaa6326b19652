# Sourced (bash): start, await and stop one rtpengine (Debian rtpengine-daemon) in userspace on 127.0.0.1 as the
# reference relay of the media relay load (BENCHMARKS.md, "Media relay (issue 6)"). Nothing here installs packages
# (scripts/packages.sh: ensure_packages rtpengine-daemon) or starts a system service; every process is ended by pid.
#
#   . benchmarks/src/main/sh/rtpengine.sh
#   rtpengine_start NG_PORT PORT_MIN PORT_MAX THREADS CPU LOG [TIMEOUT_S]   # sets RTPENGINE_PID
#   rtpengine_wait_ready NG_PORT JAR [SECONDS]     # until ng answers ping (java on PATH: . scripts/jdk.sh)
#   java -cp JAR ims.benchmarks.relay.rtpengine.RtpengineCalls -plan P -ports OUT -ng 127.0.0.1:NG_PORT \
#        -pid "$RTPENGINE_PID"                    # sets the generator's calls up, writes the ports file
#   rtpengine_stop                                 # TERM, up to 10 s, then KILL
#
# CPU: a CPU number for taskset -c, or "-" for no pinning. TIMEOUT_S (default 3600): rtpengine's --timeout and
# --silent-timeout, so calls the generator leaves silent for a while (the sweep's higher steps) are not deleted.
# RTPENGINE_BIN (default: rtpengine on PATH, else /usr/bin/rtpengine), RTPENGINE_LOG_LEVEL (default 5: notice;
# 6 logs each offer/answer, 7 the SDP with its keys), RTPENGINE_OPTS (more options, word-split).

rtpengine_start() {
  if [ $# -lt 6 ]; then
    echo "usage: rtpengine_start NG_PORT PORT_MIN PORT_MAX THREADS CPU LOG [TIMEOUT_S]" >&2
    return 2
  fi
  local ng=$1 port_min=$2 port_max=$3 threads=$4 cpu=$5 log=$6 timeout=${7:-3600}
  local bin=${RTPENGINE_BIN:-$(command -v rtpengine || echo /usr/bin/rtpengine)}
  local pin=()
  [ "$cpu" != "-" ] && pin=(taskset -c "$cpu")
  # --table=-1: no kernel module, every packet in userspace; --foreground: $! is rtpengine itself (exec, no fork).
  # shellcheck disable=SC2086
  "${pin[@]}" "$bin" --config-file=none --table=-1 --interface=127.0.0.1 --listen-ng=127.0.0.1:"$ng" \
    --port-min="$port_min" --port-max="$port_max" --num-threads="$threads" --delete-delay=0 \
    --timeout="$timeout" --silent-timeout="$timeout" --foreground --log-stderr \
    --log-level="${RTPENGINE_LOG_LEVEL:-5}" ${RTPENGINE_OPTS:-} >"$log" 2>&1 </dev/null &
  RTPENGINE_PID=$!
}

rtpengine_wait_ready() {
  if [ $# -lt 2 ]; then
    echo "usage: rtpengine_wait_ready NG_PORT JAR [SECONDS]" >&2
    return 2
  fi
  local ng=$1 jar=$2 secs=${3:-10} pinger rc=0
  java -cp "$jar" ims.benchmarks.relay.rtpengine.NgPing 127.0.0.1:"$ng" "$secs" &
  pinger=$!
  # rtpengine that exits at start (port taken, bad option) ends the wait at once, not after SECONDS
  while kill -0 "$pinger" 2>/dev/null; do
    if [ -n "${RTPENGINE_PID:-}" ] && ! kill -0 "$RTPENGINE_PID" 2>/dev/null; then
      kill "$pinger" 2>/dev/null || true
      wait "$pinger" 2>/dev/null || true
      echo "rtpengine (pid $RTPENGINE_PID) exited before its ng port answered" >&2
      return 1
    fi
    sleep 0.1
  done
  wait "$pinger" || rc=$?
  return $rc
}

rtpengine_stop() {
  local pid=${1:-${RTPENGINE_PID:-}} i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  echo "rtpengine pid $pid did not stop on TERM; KILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
