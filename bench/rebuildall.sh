#!/usr/bin/env bash
# `jokku network:rebuildall` over N apps x M deploy containers, timed next to the Dokku-style approach of one
# `docker inspect` per container in a shell loop (what Dokku's BuildConfig does per CONTAINER.<proc>.<n> file:
# check it is running, read its IP, write IP.<proc>.<n>). Same engine, same state files, run alternately.
# Prints both medians (ms) and the ratio.
#
#   bench/rebuildall.sh                 20 apps x 3 containers, 7 measured runs of each
#   APPS=50 PER_APP=4 RUNS=9 bench/rebuildall.sh
#   BASELINE=/tmp/old/bin/jokku bench/rebuildall.sh    also times another build's network:rebuildall (before/after
#                                                      figures from the same runs, whatever the machine's load)
#
# Needs bash, coreutils, awk and the docker CLI. Builds target/jokku.jar when missing. Everything it creates carries
# the label com.jokku.bench=<id> and is removed on exit, with its temporary DOKKU_ROOT.
set -euo pipefail

cd "$(dirname "$0")/.."
apps=${APPS:-20}
per_app=${PER_APP:-3}
runs=${RUNS:-7}
warmup=${WARMUP:-2}
id=bench-$$
label="com.jokku.bench=$id"
image=jokku-test/busybox:latest

command -v docker >/dev/null || { echo "the docker CLI is needed (apt-get install docker.io)" >&2; exit 1; }
if [ ! -f target/jokku.jar ] || [ -n "$(find src/main pom.xml -newer target/jokku.jar -print -quit)" ]; then mvn -q -B package -DskipTests >&2; fi
if [ -x bin/jokku ]; then jokku=(bin/jokku); else jokku=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp target/jokku.jar jokku.Main); fi

work=$(mktemp -d)
export DOKKU_ROOT=$work/home DOKKU_LIB_ROOT=$work/lib JOKKU_LABELS=$label
mkdir -p "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
net=$id-net

cleanup() {
  "${jokku[@]}" proxy:stop >/dev/null 2>&1 || true
  ids=$(docker ps -aq --filter "label=$label")
  [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
  docker network rm "$net" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if ! docker image inspect "$image" >/dev/null 2>&1; then
  [ -x /bin/busybox ] || { echo "needs $image or /bin/busybox (apt-get install busybox-static) to build it" >&2; exit 1; }
  ctx=$work/image
  mkdir -p "$ctx" && cp /bin/busybox "$ctx/"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nENV PATH=/bin\nCMD ["/bin/sh"]\n' >"$ctx/Dockerfile"
  docker build -q --label com.jokku.test=image -t "$image" "$ctx" >/dev/null
fi

# The first rebuild writes listener files, so it builds the proxy: jokku's nginx, on a free loopback port.
for port in $(shuf -i 20000-60000 -n 50); do
  ss -ltn "sport = :$port" 2>/dev/null | grep -q LISTEN || break
done
"${jokku[@]}" proxy:set --global listen "127.0.0.1:$port" >/dev/null

# ---- N apps x M containers, laid out as deploys leave them, every one on an attach-post-deploy network ----
docker network create --label "$label" "$net" >/dev/null
echo "setting up $apps apps x $per_app containers ..." >&2
for ((a = 1; a <= apps; a++)); do
  app=app$a
  mkdir -p "$DOKKU_ROOT/$app" "$DOKKU_LIB_ROOT/config/network/$app"
  printf '%s' "$net" >"$DOKKU_LIB_ROOT/config/network/$app/attach-post-deploy"
  for ((n = 1; n <= per_app; n++)); do echo "$app $n"; done
done | xargs -P 4 -n 2 sh -c '
  app=$1 n=$2
  cid=$(docker run -d --name "$app.web.$n" --label "$0" --label com.dokku.app-name="$app" --label com.dokku.process-type=web \
    --label com.dokku.dyno="web.$n" --label com.dokku.container-type=deploy '"$image"' sleep 3600)
  docker network connect --alias "$app.web" --alias "$(echo "$cid" | cut -c1-12).$app.web" '"$net"' "$cid"
  printf "%s\n" "$cid" >"$DOKKU_ROOT/$app/CONTAINER.web.$n"
  printf "5000" >"$DOKKU_ROOT/$app/PORT.web.$n"
' "$label"
total=$((apps * per_app))
[ "$(docker ps -q --filter "label=$label" | wc -l)" -eq "$total" ] || { echo "setup failed" >&2; exit 1; }

# The Dokku-style loop: one docker inspect per container (running state and bridge IP), IP file written.
dokku_style() {
  for dir in "$DOKKU_ROOT"/*/; do
    for f in "$dir"CONTAINER.*; do
      [ -e "$f" ] || continue
      dyno=${f##*/CONTAINER.}
      read -r cid <"$f"
      out=$(docker inspect --format '{{.State.Running}} {{ with index .NetworkSettings.Networks "bridge" }}{{ .IPAddress }}{{ end }}' "$cid")
      [ "${out%% *}" = true ] && [ -n "${out#* }" ] && printf '%s' "${out#* }" >"${dir}IP.$dyno"
    done
  done
}

time_us() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000))
}
median_ms() {
  sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

# The first jokku run writes the IP files (both approaches then see the same steady state).
"${jokku[@]}" network:rebuildall >/dev/null
for ((i = 0; i < warmup; i++)); do
  time_us "${jokku[@]}" network:rebuildall >/dev/null
  time_us "${jokku[@]}" network:check --all >/dev/null
  time_us dokku_style >/dev/null
done
baseline=${BASELINE:-}
[ -z "$baseline" ] || for ((i = 0; i < warmup; i++)); do time_us "$baseline" network:rebuildall >/dev/null; done
jokku_times=() check_times=() dokku_times=() baseline_times=()
for ((i = 0; i < runs; i++)); do
  [ -z "$baseline" ] || baseline_times+=("$(time_us "$baseline" network:rebuildall)")
  jokku_times+=("$(time_us "${jokku[@]}" network:rebuildall)")
  check_times+=("$(time_us "${jokku[@]}" network:check --all)")
  dokku_times+=("$(time_us dokku_style)")
done
jokku_ms=$(printf '%s\n' "${jokku_times[@]}" | median_ms)
check_ms=$(printf '%s\n' "${check_times[@]}" | median_ms)
dokku_ms=$(printf '%s\n' "${dokku_times[@]}" | median_ms)
ratio=$(awk -v a="$dokku_ms" -v b="$jokku_ms" 'BEGIN { printf "%.1f", a / b }')
check_ratio=$(awk -v a="$dokku_ms" -v b="$check_ms" 'BEGIN { printf "%.1f", a / b }')
# The engine requests one rebuildall makes, as --trace prints them (method and path, API version dropped).
requests=$("${jokku[@]}" --trace network:rebuildall 2>&1 >/dev/null | sed -nE 's#^ \?     engine: ([A-Z]+) (/v[0-9.]+)?(/[^ ?]*).*#\1 \3#p' |
  sed 's#/containers/[0-9a-f]\{64\}/json#/containers/<id>/json#' | sort | uniq -c | awk '{ printf "%s%s x %s %s", sep, $1, $2, $3; sep = ", " }')

echo "containers: $apps apps x $per_app = $total, runs: $runs each, alternating, after $warmup warm-up runs"
echo "jokku network:rebuildall            median ${jokku_ms} ms (one list request, inspects of containers on user networks on 4 connections)"
echo "jokku network:check --all           median ${check_ms} ms (the same reading of the engine, nothing applied)"
echo "docker inspect per container (loop) median ${dokku_ms} ms ($total inspects)"
echo "ratio rebuildall                    ${ratio}x (docker loop / jokku)"
if [ -n "$baseline" ]; then
  baseline_ms=$(printf '%s\n' "${baseline_times[@]}" | median_ms)
  echo "baseline network:rebuildall         median ${baseline_ms} ms ($baseline), ratio $(awk -v a="$dokku_ms" -v b="$baseline_ms" 'BEGIN { printf "%.1f", a / b }')x"
fi
echo "ratio check --all                   ${check_ratio}x (docker loop / jokku)"
echo "engine requests of one rebuildall:  ${requests}"
