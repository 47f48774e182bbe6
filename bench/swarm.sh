#!/usr/bin/env bash
# bench/swarm.sh: a web=3 app on a three-node swarm (script/swarm-testbed, made a swarm by jokku's own cluster
# commands) behind jokku's nginx. Prints
#   - requests per second through nginx with no redeploy, then while the app is redeployed twice and one node is
#     drained, and the failed requests of each run (target: 0);
#   - the deploy time of `ps:restart` (a forced rolling update of the 3 tasks, health gated) against the raw
#     `docker service update --force` of the same service waited to convergence, and the first deploy
#     (`git:from-image` of an already pushed image) against a raw `service create` of the same spec (JSON taken from
#     the service jokku made) plus the wait for its 3 tasks (target ratio: <= 1.3);
#   - the time from the drain until nginx last answered from a task of the drained node;
#   - node loss: the deploy time of `ps:restart` while the engine of the first worker given a new task is killed
#     (SIGKILL, script/swarm-testbed stop-engine N --kill) next to the same deploy without the fault, and the failed
#     requests through nginx during each (target: 0 failed, the deploy completing on the other nodes);
#   - rejoin: that worker's engine started again, the time until `network:watch` has spread the tasks onto it (no
#     jokku command; start-first, target 0 failed requests) next to a plain ps:restart, and the nodes running tasks.
# Needs root, Debian's nginx, busybox-static, docker-registry and docker.io; leaves the host as it found it (the bed's
# `down` removes every engine, namespace and link; jokku's files live in a temporary folder); on any exit it stops
# the load and deploy processes it started first.
# Environment: THREADS (client threads, default 4), BASE_SECONDS (default 15).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source bench/lib.sh
THREADS=${THREADS:-4}
BASE_SECONDS=${BASE_SECONDS:-15}
[[ -f target/jokku.jar ]] || mvn -q -B package -DskipTests
if [[ -x bin/jokku ]]; then JOKKU=("$root/bin/jokku"); else JOKKU=(java -cp "$root/target/jokku.jar" jokku.Main); fi
jokku() { "${JOKKU[@]}" "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

work=$(mktemp -d /tmp/jokku-bench-swarm.XXXXXX)
chmod 755 "$work"
export JOKKU_TESTBED_NAME="jbs$((RANDOM % 1000))" DOKKU_ROOT="$work/home" DOKKU_LIB_ROOT="$work/lib" JOKKU_LABELS=com.jokku.bench=swarm
mkdir -p "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
bench_defer rm -rf "$work"
bench_defer script/swarm-testbed down
bench_defer jokku proxy:stop
eval "$(script/swarm-testbed up --no-swarm 2>"$work/testbed.log")"
docker1() { docker -H "$DOCKER_HOST" "$@"; }

port=$(free_port)

jokku scheduler-swarm:initialize --default-addr-pool 10.240.0.0/16 >/dev/null
for url in ${JOKKU_TESTBED_NODES#* }; do jokku scheduler-swarm:cluster-add "$url" >/dev/null; done
jokku registry:set --global server "$JOKKU_TESTBED_REGISTRY" >/dev/null
jokku proxy:set --global listen "127.0.0.1:$port" >/dev/null
jokku domains:set-global jokku.bench >/dev/null

# web answers "<version> <hostname>"; app.json's check gates every task (and its DNS entry) on a real answer
mkdir -p "$work/image"
cat >"$work/image/Procfile" <<'P'
web: sh -c 'mkdir -p /www && echo "$VERSION $(hostname)" > /www/index.html && exec httpd -f -p $PORT -h /www'
P
echo '{"healthchecks":{"web":[{"type":"startup","path":"/","attempts":3,"timeout":2}]}}' >"$work/image/app.json"
printf 'FROM %s\nWORKDIR /app\nCOPY Procfile app.json /app/\n' "$JOKKU_TESTBED_IMAGE" >"$work/image/Dockerfile"
docker1 build -q -t jokku-bench/web:latest "$work/image" >/dev/null 2>&1

app=web
host="$app.jokku.bench"
jokku apps:create "$app" >/dev/null
jokku scheduler:set "$app" selected swarm >/dev/null
jokku config:set --no-restart "$app" VERSION=v1 >/dev/null
jokku ps:scale --skip-deploy "$app" web=3 >/dev/null
t0=$(now); jokku git:from-image "$app" jokku-bench/web:latest >/dev/null; t1=$(now)
first_deploy=$(secs "$t0" "$t1")
nodes=$(docker1 service ps "$app-web" --filter desired-state=running --format '{{.Node}}' | sort -u | wc -l)

# raw: the same spec as a new service, created and waited for
spec=$(docker1 service inspect "$app-web" --format '{{json .Spec}}' | sed "s/\"Name\":\"$app-web\"/\"Name\":\"raw-web\"/")
t0=$(now)
curl -sf --unix-socket "${DOCKER_HOST#unix://}" -H 'Content-Type: application/json' -d "$spec" http://docker/v1.41/services/create >/dev/null
until [ "$(docker1 service ps raw-web --filter desired-state=running --format '{{.CurrentState}}' | grep -c '^Running')" = 3 ]; do sleep 0.2; done
t1=$(now); raw_create=$(secs "$t0" "$t1")
t0=$(now); docker1 service update --force --detach=false --quiet raw-web >/dev/null 2>&1; t1=$(now); raw_update=$(secs "$t0" "$t1")
docker1 service rm raw-web >/dev/null

# compiled once, so a load starts in well under a second (launching the source costs seconds under load, during
# which a deploy would run without traffic); always run in a subshell, so exec makes its pid the java process
javac -d "$work/classes" bench/ProxyLoad.java
load() { exec java -cp "$work/classes" ProxyLoad "$port" "$host" "$THREADS" "$1"; }
base=$(load "$BASE_SECONDS")

rm -f "$work/stop"
bench_bg load "$work/stop" >"$work/load.out"
loadpid=$BENCH_BG
sleep 2
t0=$(now); jokku ps:restart "$app" >/dev/null; t1=$(now); restart1=$(secs "$t0" "$t1")
t0=$(now); jokku config:set "$app" VERSION=v2 >/dev/null; t1=$(now); restart2=$(secs "$t0" "$t1")
# drain the node (not the manager) that runs a web task; watch for answers from its tasks
victim=$(docker1 service ps "$app-web" --filter desired-state=running --format '{{.Node}}' | awk '!/-n1$/ { print; exit }' || true)
victim_hosts=$(for t in $(docker1 service ps "$app-web" --filter desired-state=running --filter node="$victim" -q --no-trunc); do
  docker1 inspect --type task "$t" --format '{{printf "%.12s" .Status.ContainerStatus.ContainerID}}'; done)
before=0
for _ in $(seq 1 30); do
  h=$(curl -s -m 2 -H "Host: $host" "http://127.0.0.1:$port/" | awk '{print $2}' || true) # a timeout is an answer missed, not a failure
  for v in $victim_hosts; do [ "$h" = "$v" ] && before=$((before + 1)); done
done
td=$(now)
docker1 node update --availability drain "$victim" >/dev/null
last="$td"
end=$(( $(date +%s) + 15 ))
while [ "$(date +%s)" -lt "$end" ]; do
  h=$(curl -s -m 2 -H "Host: $host" "http://127.0.0.1:$port/" | awk '{print $2}' || true) # a timeout is an answer missed, not a failure
  for v in $victim_hosts; do [ "$h" = "$v" ] && last=$(now); done
done
touch "$work/stop"
wait "$loadpid"
during=$(cat "$work/load.out")
drain_stop=$(secs "$td" "$last")

# node loss: the same rolling redeploy with and without a worker's engine killed as it gets a new task
docker1 node update --availability active "$victim" >/dev/null
# $1: kill → kill a worker mid-deploy. Sets r_secs (the deploy's seconds), r_killed (the node, or -), r_load.
redeploy_under_load() {
  local t0 t1 lp dp before id node
  r_killed=-
  rm -f "$work/stop"
  bench_bg load "$work/stop" >"$work/load.out"
  lp=$BENCH_BG
  sleep 1
  before=$(docker1 service ps "$app-web" -q --no-trunc | sort)
  t0=$(now)
  bench_bg jokku ps:restart "$app" >"$work/deploy.out" 2>&1
  dp=$BENCH_BG
  if [ "$1" = kill ]; then
    while kill -0 "$dp" 2>/dev/null && [ "$r_killed" = - ]; do
      while read -r id node; do
        case "$node" in "" | *-n1) continue ;; esac
        grep -qx "$id" <<<"$before" && continue
        script/swarm-testbed stop-engine "${node##*-n}" --kill >/dev/null 2>&1
        r_killed=$node
        break
      done < <(docker1 service ps "$app-web" --no-trunc --format '{{.ID}} {{.Node}}')
      sleep 0.1
    done
  fi
  wait "$dp" || { echo "ps:restart failed:" >&2; cat "$work/deploy.out" >&2; exit 1; }
  t1=$(now)
  touch "$work/stop"
  wait "$lp"
  r_secs=$(secs "$t0" "$t1")
  r_load=$(sed 's/ samples=.*//' "$work/load.out")
}
redeploy_under_load none
nofault_s=$r_secs nofault_load=$r_load
redeploy_under_load kill
fault_s=$r_secs fault_node=$r_killed fault_load=$r_load

# rejoin: the killed worker's engine started again; network:watch (no jokku command) spreads the tasks onto it
rejoin_s=- rejoin_load=- rejoin_nodes=-
if [ "$fault_node" != - ]; then
  bench_bg jokku network:watch >"$work/watch.out" 2>&1
  watchpid=$BENCH_BG
  until grep -q "following the engine's events" "$work/watch.out"; do sleep 0.2; done
  rm -f "$work/stop"
  bench_bg load "$work/stop" >"$work/load.out"
  lp=$BENCH_BG
  sleep 1
  t0=$(now)
  script/swarm-testbed start-engine "${fault_node##*-n}" >/dev/null 2>&1
  end=$(($(date +%s) + 300))
  until grep -q "tasks spread onto swarm node" "$work/watch.out"; do
    [ "$(date +%s)" -lt "$end" ] || { echo "network:watch did not spread the tasks onto $fault_node:" >&2; cat "$work/watch.out" >&2; exit 1; }
    sleep 0.2
  done
  t1=$(now)
  touch "$work/stop"
  wait "$lp"
  bench_stop "$watchpid"
  rejoin_s=$(secs "$t0" "$t1")
  rejoin_load=$(sed 's/ samples=.*//' "$work/load.out")
  rejoin_nodes=$(docker1 service ps "$app-web" --filter desired-state=running --format '{{.Node}}' | sort -u | wc -l)
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "nodes running web tasks: $nodes of 3"
echo "no redeploy:             $base"
echo "2 redeploys + 1 drain:   $during"
echo "first deploy (git:from-image, web=3): jokku ${first_deploy}s, raw service create + wait ${raw_create}s, ratio $(ratio "$first_deploy" "$raw_create")"
echo "rolling redeploy (ps:restart, web=3): jokku ${restart1}s, raw service update --force ${raw_update}s, ratio $(ratio "$restart1" "$raw_update")"
echo "rolling redeploy (config:set):        jokku ${restart2}s"
echo "drained node $victim: its tasks answered $before of 30 requests just before the drain; nginx's last answer from them came ${drain_stop}s after the drain command (0.00: none after it)"
echo "node loss (ps:restart, web=3): no fault ${nofault_s}s ($nofault_load); engine of $fault_node killed mid-deploy ${fault_s}s ($fault_load), ratio $(ratio "$fault_s" "$nofault_s")"
[ "$rejoin_s" = - ] || echo "rejoin: engine of $fault_node started until network:watch spread the tasks onto it ${rejoin_s}s ($rejoin_load), against ps:restart ${nofault_s}s, ratio $(ratio "$rejoin_s" "$nofault_s"); nodes running web tasks: $rejoin_nodes of 3"
