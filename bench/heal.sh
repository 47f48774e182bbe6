#!/usr/bin/env bash
# bench/heal.sh: how network:watch heals an app whose containers come back on other addresses. An app with web=3
# behind jokku's nginx, network:watch running, a client sending requests through nginx for SECONDS while, every
# EVERY seconds, one web container is stopped, its address taken by a filler container, and the container started
# again. Prints the failed requests (target 0), the delay from each container's `start` event to nginx serving it at
# its new address (median and max; target median <= 100 ms, max <= 250 ms), next to `docker start` itself, and the
# watcher's CPU seconds and peak RSS over the run (target RSS <= 64 MiB; bench/watch-memory.sh has it with 20 apps).
#
# Needs: root (nginx workers run as www-data), a running Docker Engine, nginx, busybox-static, curl. Everything runs
# on loopback in a temporary DOKKU_ROOT/DOKKU_LIB_ROOT; every container and network carries the label
# com.jokku.bench=heal-<pid> and is removed on any exit, as are the watcher and the client (bench/lib.sh).
#
# Environment: SECONDS_TOTAL (default 60), EVERY (default 3), THREADS (client threads, default 2), BURST (requests per
# poll for the new address, default 6; 1 polls with one request at a time, as before), BASELINE (another
# build's bin/jokku: its watcher heals the same app the same way afterwards, for before/after figures in one run).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source bench/lib.sh
SECONDS_TOTAL=${SECONDS_TOTAL:-60}
EVERY=${EVERY:-3}
THREADS=${THREADS:-2}
BURST=${BURST:-6}
LABEL=com.jokku.bench=heal-$$
image=jokku-bench/heal-$$:latest

[[ -f target/jokku.jar ]] || mvn -q -B package -DskipTests
jokku() { "$root/bin/jokku" "$@"; }

work=$(mktemp -d /tmp/jokku-heal.XXXXXX)
chmod 755 "$work"
export DOKKU_ROOT="$work/home" DOKKU_LIB_ROOT="$work/lib" JOKKU_LABELS=$LABEL
mkdir -p "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
bench_defer rm -rf "$work"
bench_defer docker rmi -f "$image"
bench_defer 'nets=$(docker network ls -q --filter "label=$LABEL"); [[ -z "$nets" ]] || bench_network_rm $nets'
bench_defer 'ids=$(docker ps -aq --filter "label=$LABEL"); [[ -z "$ids" ]] || docker rm -f $ids'
bench_defer jokku proxy:stop

port=$(free_port)
# a /24 no network on the engine uses, so fillers can take chosen addresses
used=$({ docker network inspect $(docker network ls -q) -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' 2>/dev/null || true; } | tr ' ' '\n') # networks others remove meanwhile are skipped
subnet=
for x in $(seq 150 199); do
  if ! grep -q "^10\.$x\." <<<"$used"; then subnet=10.$x.$((RANDOM % 256)); break; fi
done
[[ -n "$subnet" ]] || { echo "no free 10.x.y.0/24 on this engine" >&2; exit 1; }

bench_httpd_image "$work/image" "$image" "$LABEL"

app=heal$$
net=heal-$$-net
bench_defer 'docker rmi -f $(docker images -q "dokku/$app")'
host="$app.jokku.bench"
jokku network:create --subnet "$subnet.0/24" "$net" >/dev/null
jokku apps:create "$app" >/dev/null
jokku domains:set-global jokku.bench >/dev/null
jokku proxy:set --global listen "127.0.0.1:$port" >/dev/null
jokku checks:set "$app" default-wait 0 >/dev/null
jokku checks:set "$app" wait-to-retire 0 >/dev/null
jokku network:set "$app" initial-network "$net" >/dev/null
jokku ps:scale --skip-deploy "$app" web=3 >/dev/null
jokku git:from-image "$app" "$image" >/dev/null

java "$root/bench/ProxyLoad.java" "$port" "$host" 2 2 >/dev/null # warm-up (nginx, the client's JIT)
tck=$(getconf CLK_TCK)
moves=$((SECONDS_TOTAL / EVERY))
now_ms() { date +%s%3N; }
stats() { sort -n "$1" | awk '{a[NR] = $1} END {if (NR == 0) {print "n/a"; exit} m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "median %d ms, max %d ms", m, a[NR]}'; }
median() { sort -n "$1" | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# heal <label> <bin/jokku whose watcher runs>: the moves under load with that build's watcher; prints its figures.
heal() {
  local who=$1 bin=$2 watcher loader cpu0 cpu1 hwm load i t0 dyno id old since s0 short served bodies started new synced left unlogged=0
  : >"$work/delays" >"$work/starts" >"$work/synced" >"$work/watch.out"
  bench_bg "$bin" network:watch >"$work/watch.out" 2>"$work/watch.err"
  watcher=$BENCH_BG
  for _ in $(seq 1 600); do grep -q "following the engine's events" "$work/watch.out" && break; sleep 0.1; done
  grep -q "following the engine's events" "$work/watch.out" || { cat "$work/watch.out" "$work/watch.err"; exit 1; }
  cpu0=$(awk '{print $14 + $15}' "/proc/$watcher/stat")
  rm -f "$work/stop"
  bench_bg java "$root/bench/ProxyLoad.java" "$port" "$host" "$THREADS" "$work/stop" >"$work/load.out"
  loader=$BENCH_BG
  for i in $(seq 1 "$moves"); do
    t0=$(now_ms)
    dyno=web.$(((i - 1) % 3 + 1))
    id=$(cat "$DOKKU_ROOT/$app/CONTAINER.$dyno")
    old=$(docker inspect -f "{{(index .NetworkSettings.Networks \"$net\").IPAddress}}" "$id")
    docker stop -t 1 "$id" >/dev/null
    docker run -d --label "$LABEL" --network "$net" --ip "$old" "$image" sleep 3600 >/dev/null
    since=$(date +%s.%N)
    s0=$(now_ms)
    docker start "$id" >/dev/null
    echo $(($(now_ms) - s0)) >>"$work/starts"
    short=${id:0:12}
    served=
    # Each poll is a burst of $BURST requests at once (one curl): nginx spreads requests over the three upstreams
    # round robin per worker, so a single request would find the new address only every third try or so and the
    # delay would measure that lottery (a few curls, ~10-20 ms each) rather than when nginx began serving it.
    for _ in $(seq 1 1000); do
      bodies=$(curl -s --no-progress-meter -m 1 -Z --parallel-max "$BURST" -w '\n' -H "Host: $host" $(printf "http://127.0.0.1:$port/ %.0s" $(seq "$BURST")) || true)
      if [[ $'\n'"$bodies"$'\n' == *$'\n'"$short"$'\n'* ]]; then served=$(date +%s%N); break; fi
    done
    # (no pipes into head here: a writer cut short by SIGPIPE would fail the step under pipefail)
    started=$(docker events --since "$since" --until "$(date +%s.%N)" --filter "container=$id" --filter event=start --format '{{.TimeNano}}' 2>/dev/null || true)
    started=${started%%$'\n'*}
    if [[ -n "$served" && -n "$started" ]]; then echo $(((served - started) / 1000000)) >>"$work/delays"; else echo "move $i: $dyno never served at its new address" >&2; fi
    # when the watcher had the new address written and nginx reloaded: its journal line for this move, which nginx
    # may serve the new address before (waited for up to 3 s; a move without one is counted apart, never a failure)
    new=$(docker inspect -f "{{(index .NetworkSettings.Networks \"$net\").IPAddress}}" "$id" 2>/dev/null || true)
    synced=
    for _ in $(seq 1 30); do
      synced=$(awk -v want=" $app $dyno: IP $new" 'index($0, want) { t = $1 } END { print t }' "$work/watch.out")
      [[ -z "$synced" ]] || break
      sleep 0.1
    done
    if [[ -n "$synced" && -n "$started" ]]; then echo $(($(date -d "$synced" +%s%3N) - started / 1000000)) >>"$work/synced"; else unlogged=$((unlogged + 1)); fi
    left=$((EVERY * 1000 - ($(now_ms) - t0)))
    [[ "$left" -le 0 ]] || sleep "$(awk -v l="$left" 'BEGIN {printf "%.3f", l / 1000}')"
  done
  touch "$work/stop"
  wait "$loader"
  cpu1=$(awk '{print $14 + $15}' "/proc/$watcher/stat")
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$watcher/status")
  bench_stop "$watcher"
  load=$(cat "$work/load.out")
  echo "[$who] client ($THREADS threads through nginx): $load"
  echo "[$who] failed requests: $(sed -E 's/.*failed=([0-9]+).*/\1/' <<<"$load") (target 0)"
  echo "[$who] start event -> nginx serving the new address: $(stats "$work/delays") over $(wc -l <"$work/delays") moves (target median <= 100 ms, max <= 250 ms)"
  echo "[$who]   of which start event -> watcher done (IP file written, nginx reloaded): $(stats "$work/synced")$( ((unlogged == 0)) || echo " ($unlogged moves without a journal line within 3 s)")"
  echo "[$who] docker start itself (engine, same moves): $(stats "$work/starts"); ratio of medians heal/start: $(awk -v a="$(median "$work/delays")" -v b="$(median "$work/starts")" 'BEGIN {printf "%.2f", a / b}')"
  awk -v w="$who" -v c="$((cpu1 - cpu0))" -v t="$tck" -v r="$hwm" -v s="$SECONDS_TOTAL" 'BEGIN {printf "[%s] network:watch: %.2f CPU seconds over the %ds run, peak RSS %.1f MiB (target <= 64 MiB)\n", w, c / t, s, r / 1024}'
  echo "[$who] watcher lines: $(grep -c . "$work/watch.out") on stdout, $(grep -c . "$work/watch.err" || true) on stderr"
  [[ -z "${SHOW_WATCH:-}" ]] || cat "$work/watch.out" "$work/watch.err"
}

echo "heal: web=3 behind nginx on 127.0.0.1:$port, network:watch running; every ${EVERY}s for ${SECONDS_TOTAL}s one web container stopped, its address taken by a filler, started again ($moves moves; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
heal jokku "$root/bin/jokku"
[[ -z "${BASELINE:-}" ]] || heal baseline "$BASELINE"
[[ -z "${BASELINE:-}" ]] || echo "baseline: $BASELINE (its watcher; the app deployed and nginx run by this build)"
