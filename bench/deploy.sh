#!/usr/bin/env bash
# Time to deploy web=1 (checks at default-wait 0): `jokku ps:restart` (image inspect, Procfile, create, start,
# check, state files, rename, retirement scheduled) next to the same container created and started by a plain
# `docker run -d` (init, restart policy, env, labels, command) in the same script. Medians and their ratio.
# Usage: bench/deploy.sh [rounds=10]   (runs bin/jokku, its start-up archive made first; needs the jokku-test/busybox image)
#   BASELINE=/tmp/old/bin/jokku bench/deploy.sh   also times another build's ps:restart of the same app, round by round
#                                                 (before/after in the same run)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-10}
RUN="bench-$$"
APP="deploybench-$$"
IMAGE="jokku-test/deploybench-$$:latest"
source bench/lib.sh
bench_workspace "$IMAGE"
jokku() { bin/jokku "$@"; }

printf 'FROM jokku-test/busybox:latest\nWORKDIR /app\nCOPY Procfile /app/Procfile\nRUN mkdir -p /www && echo bench > /www/index.html\n' > "$CTX/Dockerfile"
printf 'web: httpd -f -p $PORT -h /www\n' > "$CTX/Procfile"
docker build -q -t "$IMAGE" "$CTX" >/dev/null 2>&1
JOKKU_ARCHIVE=sync jokku help >/dev/null
baseline=${BASELINE:-}
[ -z "$baseline" ] || JOKKU_ARCHIVE=sync "$baseline" help >/dev/null
# Deploys start jokku's nginx: keep it on a free loopback port, never port 80.
port=$(free_port)
jokku proxy:set --global listen "127.0.0.1:$port" >/dev/null
jokku apps:create "$APP" >/dev/null
jokku checks:set "$APP" default-wait 0 >/dev/null
jokku --quiet git:from-image "$APP" "$IMAGE" >/dev/null

jokku_ms=() docker_ms=() baseline_ms=()
for r in $(seq 1 "$ROUNDS"); do
  t=$(now); jokku --quiet ps:restart "$APP" >/dev/null; jokku_ms+=($(( $(now) - t )))
  if [ -n "$baseline" ]; then t=$(now); "$baseline" --quiet ps:restart "$APP" >/dev/null; baseline_ms+=($(( $(now) - t ))); fi
  t=$(now)
  docker run -d --name "docker-bench-$RUN-$r" --init --restart on-failure:10 -e DYNO=web.1 -e PORT=5000 \
    --label com.dokku.app-name=docker-bench --label com.dokku.process-type=web --label "com.jokku.bench=$RUN" \
    "dokku/$APP:latest" httpd -f -p 5000 -h /www >/dev/null
  docker_ms+=($(( $(now) - t )))
done
j=$(printf '%s\n' "${jokku_ms[@]}" | median); d=$(printf '%s\n' "${docker_ms[@]}" | median)
echo "deploy web=1 (default-wait 0), median of $ROUNDS: jokku ps:restart ${j} ms, docker run -d ${d} ms, ratio $(awk "BEGIN {printf \"%.2f\", $j / $d}")"
if [ -n "$baseline" ]; then
  b=$(printf '%s\n' "${baseline_ms[@]}" | median)
  echo "baseline ps:restart ${b} ms ($baseline), ratio $(awk "BEGIN {printf \"%.2f\", $b / $d}")"
fi
