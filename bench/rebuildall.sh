#!/usr/bin/env bash
# `jokku network:rebuildall` and `network:check --all` over N apps x M deploy containers, timed next to the Dokku-style
# approach of one `docker inspect` per container in a shell loop (what Dokku's BuildConfig does per
# CONTAINER.<proc>.<n> file: check it is running, read its IP, write IP.<proc>.<n>). Same engine, same state files,
# run alternately. Prints the curve: medians (ms) and ratios at each size, then the cost per added container of each,
# so the growth is visible (jokku asks the engine the same two questions at every size; the loop one per container).
#
#   bench/rebuildall.sh                          5, 20 and 100 apps x 3 containers, 7 measured runs of each
#   SIZES="20" PER_APP=4 RUNS=9 bench/rebuildall.sh
#   BASELINE=/tmp/old/bin/jokku bench/rebuildall.sh    also times another build's network:rebuildall (before/after
#                                                      figures from the same runs, whatever the machine's load)
#
# Needs bash, coreutils, awk and the docker CLI. Builds target/jokku.jar when missing. Everything it creates carries
# the label com.jokku.bench=<id> and is removed on any exit, with its temporary DOKKU_ROOT.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
sizes=${SIZES:-5 20 100}
per_app=${PER_APP:-3}
runs=${RUNS:-7}
warmup=${WARMUP:-2}
id=bench-$$
label="com.jokku.bench=$id"
image=jokku-test/busybox:latest
baseline=${BASELINE:-}

command -v docker >/dev/null || { echo "the docker CLI is needed (apt-get install docker.io)" >&2; exit 1; }
if [ ! -f target/jokku.jar ] || [ -n "$(find src/main pom.xml -newer target/jokku.jar -print -quit)" ]; then mvn -q -B package -DskipTests >&2; fi
jokku=(bin/jokku)
JOKKU_ARCHIVE=sync "${jokku[@]}" help >/dev/null
[ -z "$baseline" ] || JOKKU_ARCHIVE=sync "$baseline" help >/dev/null

work=$(mktemp -d)
chmod 755 "$work" # nginx's workers must reach the error pages under DOKKU_LIB_ROOT (jokku refuses to serve otherwise)
export DOKKU_ROOT=$work/home DOKKU_LIB_ROOT=$work/lib JOKKU_LABELS=$label
mkdir -p "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
net=$id-net
bench_defer rm -rf "$work"
bench_defer bench_network_rm "$net"
bench_defer 'ids=$(docker ps -aq --filter "label=$label"); [ -z "$ids" ] || docker rm -f $ids'
bench_defer "${jokku[@]}" proxy:stop

if ! docker image inspect "$image" >/dev/null 2>&1; then
  [ -x /bin/busybox ] || { echo "needs $image or /bin/busybox (apt-get install busybox-static) to build it" >&2; exit 1; }
  ctx=$work/image
  mkdir -p "$ctx" && cp /bin/busybox "$ctx/"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nENV PATH=/bin\nCMD ["/bin/sh"]\n' >"$ctx/Dockerfile"
  docker build -q --label com.jokku.test=image -t "$image" "$ctx" >/dev/null
fi

# The first rebuild writes listener files, so it builds the proxy: jokku's nginx, on a free loopback port.
"${jokku[@]}" proxy:set --global listen "127.0.0.1:$(free_port)" >/dev/null
docker network create --label "$label" "$net" >/dev/null

# Apps $1..$2, M containers each, laid out as deploys leave them, every one on an attach-post-deploy network.
add_apps() {
  echo "setting up apps $1..$2 ($per_app containers each) ..." >&2
  for ((a = $1; a <= $2; a++)); do
    app=app$a
    mkdir -p "$DOKKU_ROOT/$app" "$DOKKU_LIB_ROOT/config/network/$app"
    printf '%s' "$net" >"$DOKKU_LIB_ROOT/config/network/$app/attach-post-deploy"
    for ((n = 1; n <= per_app; n++)); do echo "$app $n"; done
  done | xargs -P 4 -n 2 sh -c '
    app=$1 n=$2
    cid=$(docker run -d --name "'"$id"'-$app.web.$n" --label "$0" --label com.dokku.app-name="$app" --label com.dokku.process-type=web \
      --label com.dokku.dyno="web.$n" --label com.dokku.container-type=deploy '"$image"' sleep 3600)
    docker network connect --alias "$app.web" --alias "$(echo "$cid" | cut -c1-12).$app.web" '"$net"' "$cid"
    printf "%s\n" "$cid" >"$DOKKU_ROOT/$app/CONTAINER.web.$n"
    printf "5000" >"$DOKKU_ROOT/$app/PORT.web.$n"
  ' "$label"
  [ "$(docker ps -q --filter "label=$label" | wc -l)" -eq "$(($2 * per_app))" ] || { echo "setup failed" >&2; exit 1; }
}

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

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

# Measures the current size: sets point_{jokku,check,dokku,baseline} (medians, ms).
measure() {
  local i jokku_times=() check_times=() dokku_times=() baseline_times=()
  "${jokku[@]}" network:rebuildall >/dev/null # the first run writes the new apps' IP files: both approaches then see the same steady state
  for ((i = 0; i < warmup; i++)); do
    time_us "${jokku[@]}" network:rebuildall >/dev/null
    time_us "${jokku[@]}" network:check --all >/dev/null
    time_us dokku_style >/dev/null
    [ -z "$baseline" ] || time_us "$baseline" network:rebuildall >/dev/null
  done
  for ((i = 0; i < runs; i++)); do
    [ -z "$baseline" ] || baseline_times+=("$(time_us "$baseline" network:rebuildall)")
    jokku_times+=("$(time_us "${jokku[@]}" network:rebuildall)")
    check_times+=("$(time_us "${jokku[@]}" network:check --all)")
    dokku_times+=("$(time_us dokku_style)")
  done
  point_jokku=$(printf '%s\n' "${jokku_times[@]}" | median_ms)
  point_check=$(printf '%s\n' "${check_times[@]}" | median_ms)
  point_dokku=$(printf '%s\n' "${dokku_times[@]}" | median_ms)
  point_baseline=
  [ -z "$baseline" ] || point_baseline=$(printf '%s\n' "${baseline_times[@]}" | median_ms)
}

rows=() have=0 first= last=
for apps in $sizes; do
  ((apps > have)) || continue
  add_apps $((have + 1)) "$apps"
  have=$apps
  measure
  total=$((apps * per_app))
  row=$(printf '%5d (%3dx%d)  %9s  %9s  %9s  %8sx  %8sx' "$total" "$apps" "$per_app" "$point_jokku" "$point_check" "$point_dokku" \
    "$(ratio "$point_dokku" "$point_jokku")" "$(ratio "$point_dokku" "$point_check")")
  [ -z "$baseline" ] || row+=$(printf '  %9s  %8sx' "$point_baseline" "$(ratio "$point_dokku" "$point_baseline")")
  rows+=("$row")
  [ -n "$first" ] || first="$total $point_jokku $point_check $point_dokku $point_baseline"
  last="$total $point_jokku $point_check $point_dokku $point_baseline"
done
# The engine requests one rebuildall makes, as --trace prints them (method and path, API version dropped).
requests=$("${jokku[@]}" --trace network:rebuildall 2>&1 >/dev/null | sed -nE 's#^ \?     engine: ([A-Z]+) (/v[0-9.]+)?(/[^ ?]*).*#\1 \3#p' |
  sed 's#/containers/[0-9a-f]\{64\}/json#/containers/<id>/json#' | sort | uniq -c | awk '{ printf "%s%s x %s %s", sep, $1, $2, $3; sep = ", " }' || true)

echo "network:rebuildall and network:check --all against one docker inspect per container in a shell loop; medians of $runs runs each, alternating, after $warmup warm-up runs (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
header=$(printf '%-16s  %9s  %9s  %9s  %9s  %9s' "containers" "rebuildall" "check" "loop" "ratio" "ratio")
sub=$(printf '%-16s  %9s  %9s  %9s  %9s  %9s' "" "ms" "ms" "ms" "rebuild" "check")
[ -z "$baseline" ] || { header+=$(printf '  %9s  %9s' "baseline" "ratio"); sub+=$(printf '  %9s  %9s' "ms" "baseline"); }
echo "$header"
echo "$sub"
printf '%s\n' "${rows[@]}"
if [ "$first" != "$last" ]; then
  read -r n0 j0 c0 d0 b0 <<<"$first"
  read -r n1 j1 c1 d1 b1 <<<"$last"
  slope() { awk -v a="$1" -v b="$2" -v n="$((n1 - n0))" 'BEGIN { printf "%.2f", (b - a) / n }'; }
  line="per added container ($n0 -> $n1): rebuildall $(slope "$j0" "$j1") ms, check $(slope "$c0" "$c1") ms, loop $(slope "$d0" "$d1") ms"
  [ -z "$baseline" ] || line+=", baseline $(slope "$b0" "$b1") ms"
  echo "$line"
fi
echo "engine requests of one rebuildall (at the last size): ${requests}"
[ -z "$baseline" ] || echo "baseline: $baseline"
