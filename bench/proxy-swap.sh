#!/usr/bin/env bash
# bench/proxy-swap.sh: requests per second through jokku's nginx to one app while it is redeployed 3 times, and the
# number of failed requests (target: 0), next to the same load with no redeploy.
#
# Needs: root (nginx workers run as www-data), a running Docker Engine, Debian's nginx and busybox-static packages,
# and the deploy commands (apps:create, git:from-image, ps:restart, checks:set). Everything runs on loopback in a
# temporary DOKKU_ROOT/DOKKU_LIB_ROOT; every container carries the label com.jokku.bench=proxy-swap and is removed.
#
# Environment: THREADS (client threads, default 8), BASE_SECONDS (length of the no-redeploy run, default 15),
# REDEPLOYS (default 3), BASELINE (another build's bin/jokku: its redeploys are measured the same way afterwards, for
# before/after figures in the same run).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source bench/lib.sh
THREADS=${THREADS:-8}
BASE_SECONDS=${BASE_SECONDS:-15}
REDEPLOYS=${REDEPLOYS:-3}

[[ -f target/jokku.jar ]] || mvn -q -B package -DskipTests
if [[ -x bin/jokku ]]; then JOKKU=("$root/bin/jokku"); else JOKKU=(java -cp "$root/target/jokku.jar" jokku.Main); fi
jokku() { "${JOKKU[@]}" "$@"; }

work=$(mktemp -d /tmp/jokku-proxy-swap.XXXXXX)
chmod 755 "$work"
export DOKKU_ROOT="$work/home" DOKKU_LIB_ROOT="$work/lib" JOKKU_LABELS=com.jokku.bench=proxy-swap
mkdir -p "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
bench_defer rm -rf "$work"
bench_defer 'ids=$(docker ps -aq --filter label=com.jokku.bench=proxy-swap); [[ -z "$ids" ]] || docker rm -f $ids'
bench_defer jokku proxy:stop

port=$(free_port)

# An image whose web process is busybox httpd on $PORT.
bench_httpd_image "$work/image" jokku-bench/httpd:latest com.jokku.bench=proxy-swap

app=swap
jokku apps:create "$app" >/dev/null
jokku domains:set-global jokku.bench >/dev/null
jokku proxy:set --global listen "127.0.0.1:$port" >/dev/null
jokku checks:set "$app" default-wait 2 >/dev/null
jokku checks:set "$app" wait-to-retire 5 >/dev/null
jokku git:from-image "$app" jokku-bench/httpd:latest >/dev/null
host="$app.jokku.bench"
load() { java "$root/bench/ProxyLoad.java" "$port" "$host" "$THREADS" "$1"; }
load 2 >/dev/null # warm up nginx and the JIT

echo "proxy-swap: $THREADS client threads, one connection per request, through nginx on 127.0.0.1:$port"
base=$(load "$BASE_SECONDS")
echo "no redeploy:          $base"

rps() { sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$1"; }
failed() { sed -E 's/.*failed=([0-9]+).*/\1/' <<<"$1"; }

# swap <label> <launcher>: the load during $REDEPLOYS redeploys by that build, its ratio to the steady load, failures.
swap() {
  rm -f "$work/stop"
  bench_bg load "$work/stop" >"$work/swap.out"
  loader=$BENCH_BG
  start=$(date +%s.%N)
  for i in $(seq 1 "$REDEPLOYS"); do
    "$2" ps:restart "$app" >"$work/deploy-$i.log" 2>&1 || { cat "$work/deploy-$i.log"; exit 1; }
  done
  touch "$work/stop"
  wait "$loader"
  out=$(cat "$work/swap.out")
  echo "$1: $REDEPLOYS redeploys ($(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $start}") s): $out"
  awk -v a="$(rps "$out")" -v b="$(rps "$base")" -v l="$1" 'BEGIN { printf "%s: ratio (redeploying / steady): %.2f\n", l, a / b }'
  echo "$1: failed requests during redeploys: $(failed "$out") (target 0)"
}
swap jokku jokku
if [[ -n "${BASELINE:-}" ]]; then swap "baseline ($BASELINE)" "$BASELINE"; fi
