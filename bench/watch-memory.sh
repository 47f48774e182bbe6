#!/usr/bin/env bash
# bench/watch-memory.sh: the memory and CPU of `network:watch` under churn, with 1 app and with 20. Apps web=1 are
# deployed behind jokku's nginx; a fresh watcher follows the engine while, for SECONDS_TOTAL, a random app's web
# container is restarted every PERIOD seconds (each restart is an event burst the watcher syncs: new address, IP file,
# nginx reload). Prints the watcher's peak RSS (VmHWM; targets <= 64 MiB with 1 app, <= 80 MiB with 20), its CPU
# seconds, the restarts made and whether `network:check --all` finds every app in line afterwards.
#
#   bench/watch-memory.sh                      1 and 20 apps, 60 s of churn each, a restart every 0.5 s
#   SIZES="1 8" SECONDS_TOTAL=30 bench/watch-memory.sh
#   BASELINE=/tmp/old/bin/jokku bench/watch-memory.sh   also runs another build's watcher over the same apps and churn
#
# Needs: root (nginx workers run as www-data), a running Docker Engine, nginx, busybox-static. Everything runs on
# loopback in a temporary DOKKU_ROOT/DOKKU_LIB_ROOT; every container carries the label com.jokku.bench=watchmem-<pid>
# and is removed on any exit, as is the watcher (bench/lib.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source bench/lib.sh
sizes=${SIZES:-1 20}
SECONDS_TOTAL=${SECONDS_TOTAL:-60}
PERIOD=${PERIOD:-0.5}
baseline=${BASELINE:-}
LABEL=com.jokku.bench=watchmem-$$
image=jokku-bench/watchmem-$$:latest

[[ -f target/jokku.jar ]] || mvn -q -B package -DskipTests
jokku() { "$root/bin/jokku" "$@"; }
JOKKU_ARCHIVE=sync jokku help >/dev/null
[ -z "$baseline" ] || JOKKU_ARCHIVE=sync "$baseline" help >/dev/null

work=$(mktemp -d /tmp/jokku-watchmem.XXXXXX)
chmod 755 "$work"
export DOKKU_ROOT="$work/home" DOKKU_LIB_ROOT="$work/lib" JOKKU_LABELS=$LABEL
mkdir -p "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
bench_defer rm -rf "$work"
bench_defer docker rmi -f "$image"
bench_defer 'docker rmi -f $(docker images -q --filter "reference=dokku/wm$$-*")'
bench_defer 'ids=$(docker ps -aq --filter "label=$LABEL"); [[ -z "$ids" ]] || docker rm -f $ids'
bench_defer jokku proxy:stop

bench_httpd_image "$work/image" "$image" "$LABEL"
jokku domains:set-global jokku.bench >/dev/null
jokku proxy:set --global listen "127.0.0.1:$(free_port)" >/dev/null

have=0
deploy_apps() { # apps $1..$2, web=1, deployed
  local a app
  echo "deploying apps $1..$2 ..." >&2
  for ((a = $1; a <= $2; a++)); do
    app=wm$$-$a
    jokku apps:create "$app" >/dev/null
    jokku checks:set "$app" default-wait 0 >/dev/null
    jokku checks:set "$app" wait-to-retire 0 >/dev/null
    jokku git:from-image "$app" "$image" >/dev/null
  done
}

# One watcher run over the apps deployed so far (in this shell, so the exit handler knows the watcher): sets CHURN to
# "<peak RSS KiB> <CPU ticks> <restarts> <check exit code>".
churn() {
  local bin=$1 watcher restarts=0 end cpu hwm app id rc
  : >"$work/watch.out"
  bench_bg "$bin" network:watch >"$work/watch.out" 2>"$work/watch.err"
  watcher=$BENCH_BG
  for _ in $(seq 1 600); do grep -q "following the engine's events" "$work/watch.out" && break; sleep 0.1; done
  grep -q "following the engine's events" "$work/watch.out" || { cat "$work/watch.out" "$work/watch.err" >&2; exit 1; }
  end=$(($(date +%s) + SECONDS_TOTAL))
  while (($(date +%s) < end)); do
    app=wm$$-$((RANDOM % have + 1))
    id=$(cat "$DOKKU_ROOT/$app/CONTAINER.web.1")
    docker restart -t 0 "$id" >/dev/null && restarts=$((restarts + 1))
    sleep "$PERIOD"
  done
  sleep 2 # the last syncs
  cpu=$(awk '{print $14 + $15}' "/proc/$watcher/stat")
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$watcher/status")
  bench_stop "$watcher"
  rc=0
  jokku network:check --all >"$work/check.out" 2>&1 || rc=$?
  CHURN="$hwm $cpu $restarts $rc"
}

tck=$(getconf CLK_TCK)
report() { # $1 label, $2 apps, then churn's four figures
  awk -v who="$1" -v n="$2" -v r="$3" -v c="$4" -v t="$tck" -v k="$5" -v rc="$6" -v s="$SECONDS_TOTAL" 'BEGIN {
    printf "%-9s %3d app(s): peak RSS %6.1f MiB, %5.2f CPU s over %ds, %d restarts, network:check --all afterwards: %s\n",
      who, n, r / 1024, c / t, s, k, rc == 0 ? "in line" : "exit " rc }'
}
lines=()
for n in $sizes; do
  ((n > have)) || continue
  deploy_apps $((have + 1)) "$n"
  have=$n
  churn "$root/bin/jokku"
  # shellcheck disable=SC2086
  lines+=("$(report jokku "$n" $CHURN)")
  if [ -n "$baseline" ]; then
    churn "$baseline"
    # shellcheck disable=SC2086
    lines+=("$(report baseline "$n" $CHURN)")
  fi
done
echo "network:watch under churn: a random app's web container restarted every ${PERIOD}s for ${SECONDS_TOTAL}s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\n' "${lines[@]}"
echo "targets: peak RSS <= 64 MiB with 1 app, <= 80 MiB with 20 apps"
[ -z "$baseline" ] || echo "baseline: $baseline"
