#!/usr/bin/env bash
# Time of `jokku logs <app> -n N` (web=2, each container having written 5000 lines: two log requests with
# timestamps, lines merged in time order and prefixed) next to what Dokku runs for the same output: `docker logs -t
# --tail N` of both containers side by side, in the same script. Medians and their ratio.
# Usage: bench/logs.sh [rounds=10] [lines=1000]   (runs bin/jokku; needs the jokku-test/busybox image)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-10}
N=${2:-1000}
RUN="bench-$$"
APP="logsbench-$$"
IMAGE="jokku-test/logsbench-$$:latest"
source bench/lib.sh
bench_workspace "$IMAGE"
jokku() { bin/jokku "$@"; }

printf 'FROM jokku-test/busybox:latest\nWORKDIR /app\nCOPY Procfile /app/Procfile\n' > "$CTX/Dockerfile"
printf 'web: sh -c '"'"'i=0; while [ $i -lt 5000 ]; do echo "line $i of $DYNO"; i=$((i+1)); done; exec sleep 3600'"'"'\n' > "$CTX/Procfile"
docker build -q -t "$IMAGE" "$CTX" >/dev/null 2>&1
JOKKU_ARCHIVE=sync jokku help >/dev/null
port=$(free_port)
jokku proxy:set --global listen "127.0.0.1:$port" >/dev/null
jokku apps:create "$APP" >/dev/null
jokku checks:set "$APP" default-wait 0 >/dev/null
jokku ps:scale --skip-deploy "$APP" web=2 >/dev/null
jokku --quiet git:from-image "$APP" "$IMAGE" >/dev/null
until [ "$(docker logs "$(cat "$DOKKU_ROOT/$APP/CONTAINER.web.2")" 2>&1 | wc -l)" -ge 5000 ]; do sleep 0.2; done
c1=$(cat "$DOKKU_ROOT/$APP/CONTAINER.web.1") c2=$(cat "$DOKKU_ROOT/$APP/CONTAINER.web.2")

lines=$(jokku logs "$APP" -n "$N" | wc -l)
jokku_ms=() docker_ms=()
for r in $(seq 1 "$ROUNDS"); do
  t=$(now); jokku logs "$APP" -n "$N" >/dev/null; jokku_ms+=($(( $(now) - t )))
  t=$(now)
  { docker logs -t --tail "$N" "$c1" 2>&1 | sed -u -r 's/^([^Z]+Z )/\1app[web.1]: /' & docker logs -t --tail "$N" "$c2" 2>&1 | sed -u -r 's/^([^Z]+Z )/\1app[web.2]: /'; wait; } >/dev/null
  docker_ms+=($(( $(now) - t )))
done
j=$(printf '%s\n' "${jokku_ms[@]}" | median); d=$(printf '%s\n' "${docker_ms[@]}" | median)
echo "logs -n $N of web=2 ($lines lines), median of $ROUNDS: jokku logs ${j} ms, docker logs -t x2 (Dokku's way) ${d} ms, ratio $(awk "BEGIN {printf \"%.2f\", $j / $d}")"
