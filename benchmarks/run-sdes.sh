#!/usr/bin/env bash
# sdes speed (issue 3: >= 200,000 parse + originating-offer transforms per second on one core). Builds the
# benchmarks jar from the working tree and, if a base commit is given, from that commit too (git archive into
# a temporary folder: the checkout is not touched), then runs SdesCpuTimeBench for each jar, ALTERNATED, so a
# busy neighbour slows both sides and not only one. Optionally JMH with the GC profiler (B/op, wall ops/s).
# See BENCHMARKS.md, section "sdes", for what is measured and the last results.
#
#   benchmarks/run-sdes.sh                 # this tree only: 3 runs of 9 rounds x 200,000 operations
#   benchmarks/run-sdes.sh 1875a01         # this tree against commit 1875a01, runs alternated
#   RUNS=5 ROUNDS=9 OPS=200000 benchmarks/run-sdes.sh 1875a01
#   JMH=1 benchmarks/run-sdes.sh           # then JMH: SdesTransform -f 1 -wi 5 -i 5 -prof gc (JMH_OPTS to change)
#   AB=1 benchmarks/run-sdes.sh 9c1dbb6    # then SdesAbBench: both jars in ONE JVM, rounds alternated (AB_ROUNDS=40)
#   SKIP_BUILD=1 ...                       # reuse the jars of the last run
#
# Needs only a JDK >= 21 (scripts/jdk.sh finds it) and Maven. Jars go to benchmarks/target-sdesbench/ (ignored
# by git). Read the load average printed before each run: on a shared machine, compare within a pair only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/jdk.sh

BASE=${1:-}
RUNS=${RUNS:-3}
ROUNDS=${ROUNDS:-9}
OPS=${OPS:-200000}
JMH=${JMH:-0}
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 5 -i 5 -prof gc"}
WORK=$ROOT/benchmarks/target-sdesbench
mkdir -p "$WORK"
log() { echo "[run-sdes] $*" >&2; }

build() { # $1 = source tree, $2 = jar to write
  (cd "$1" && mvn -B -ntp -q -Dbuild.dir.name=target-sdesbench -pl benchmarks -am package -Dmaven.test.skip=true)
  cp "$1/benchmarks/target-sdesbench/benchmarks.jar" "$2"
}

NEW_JAR=$WORK/sdes-new.jar
BASE_JAR=$WORK/sdes-base.jar
if [ -z "${SKIP_BUILD:-}" ]; then
  log "building the working tree ($(git rev-parse --short HEAD)$(git diff --quiet -- sdes benchmarks || echo ', with local changes'))"
  build "$ROOT" "$NEW_JAR"
  if [ -n "$BASE" ]; then
    SRC=$WORK/base-src
    rm -rf "$SRC" && mkdir -p "$SRC"
    log "building $BASE (git archive into $SRC)"
    git archive "$BASE" | tar -x -C "$SRC"
    build "$SRC" "$BASE_JAR"
  fi
fi

run() { # $1 = label, $2 = jar
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  local line; line=$(java -cp "$2" ims.benchmarks.sdes.SdesCpuTimeBench "$ROUNDS" "$OPS" | tail -n 1)
  printf '%s  load %s  %-5s %s\n' "$(date -u +%H:%M:%S)" "$load" "$1" "$line"
}

log "java: $(java -version 2>&1 | head -n 1); $(nproc) CPUs; $RUNS runs of $ROUNDS x $OPS operations"
for i in $(seq 1 "$RUNS"); do
  if [ -n "$BASE" ]; then run base "$BASE_JAR"; fi
  run new "$NEW_JAR"
done

if [ "${AB:-0}" = 1 ] && [ -n "$BASE" ]; then
  log "SdesAbBench base vs new in one JVM (load $(cut -d' ' -f1-3 /proc/loadavg))"
  java -cp "$NEW_JAR" ims.benchmarks.sdes.SdesAbBench "$BASE_JAR" "$NEW_JAR" "${AB_ROUNDS:-40}" 100000
fi

if [ "$JMH" = 1 ]; then
  # -Djmh.ignoreLock: another JMH run on the machine must not make this one fail
  for jar in ${BASE:+"$BASE_JAR"} "$NEW_JAR"; do
    log "JMH $jar"
    java -Djmh.ignoreLock=true -jar "$jar" 'ims.benchmarks.sdes.SdesTransformBenchmark' $JMH_OPTS \
      | grep -E '^(Benchmark|SdesTransformBenchmark)' | grep -vE 'gc\.(count|time|alloc\.rate )'
  done
fi
