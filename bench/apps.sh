#!/usr/bin/env bash
# apps:destroy of an app with N containers (one list request, forced removals) against the docker CLI doing the same
# (docker ps -aq --filter label=... | xargs docker rm -f), plus the latency of the property commands.
# Usage: bench/apps.sh [containers=10] [rounds=5]   (needs target/jokku.jar and the jokku-test/busybox image)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10}
ROUNDS=${2:-5}
IMAGE=jokku-test/busybox:latest
JAR=target/jokku.jar
RUN="bench-$$"
source bench/lib.sh
export DOKKU_ROOT=$(mktemp -d) DOKKU_LIB_ROOT=$(mktemp -d) JOKKU_LABELS="com.jokku.bench=$RUN"
bench_defer rm -rf "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
bench_defer 'docker rm -f $(docker ps -aq --filter label=com.jokku.bench=$RUN)'
jokku() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$JAR" jokku.Main "$@"; }
containers() {
  for i in $(seq 1 "$N"); do
    docker create --label "com.dokku.app-name=$1" --label "com.jokku.bench=$RUN" "$IMAGE" sleep 300 >/dev/null
  done
  docker start $(docker ps -aq --filter "label=com.dokku.app-name=$1" | head -n $((N / 2))) >/dev/null
}
jokku_ms=() docker_ms=()
for r in $(seq 1 "$ROUNDS"); do
  app="bench-$RUN-$r"
  jokku apps:create "$app" >/dev/null
  containers "$app"
  t=$(now); jokku apps:destroy --force "$app" >/dev/null; jokku_ms+=($(( $(now) - t )))
  containers "$app-d"
  t=$(now); docker ps -aq --filter "label=com.dokku.app-name=$app-d" | xargs docker rm -f >/dev/null; docker_ms+=($(( $(now) - t )))
done
j=$(printf '%s\n' "${jokku_ms[@]}" | median); d=$(printf '%s\n' "${docker_ms[@]}" | median)
echo "apps:destroy with $N containers ($((N / 2)) running): jokku ${j} ms, docker ps+rm -f ${d} ms, ratio $(awk "BEGIN {printf \"%.2f\", $j / $d}")"
jokku apps:create lat >/dev/null
for cmd in "config:set --no-restart lat K=v" "network:set lat tld svc.local" "network:report lat" "apps:report lat" "config:get lat K"; do
  ms=()
  for r in $(seq 1 "$ROUNDS"); do t=$(now); jokku $cmd >/dev/null 2>&1; ms+=($(( $(now) - t ))); done
  echo "$cmd: median $(printf '%s\n' "${ms[@]}" | median) ms (JVM start included)"
done
