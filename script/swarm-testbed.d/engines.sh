# The nodes' engines: start, wait, stop, restart (sourced by script/swarm-testbed).

# Starts node i's dockerd in the background: in its netns (nsenter --net, NOT `ip netns exec`, which remounts /sys
# and hides the cgroups), with its own hostname (unshare --uts), and every path under the state dir. dockerd spawns
# its own containerd under exec-root (there is no system containerd socket at /run/containerd/containerd.sock).
engine_start() {
  local i=$1 d
  d=$DIR/n$i
  mkdir -p "$d/data" "$d/exec"
  [ -f "$d/daemon.json" ] || echo '{}' >"$d/daemon.json"   # never the host's /etc/docker/daemon.json
  if [ -f "$d/dockerd.pid" ] && ! kill -0 "$(cat "$d/dockerd.pid")" 2>/dev/null; then rm -f "$d/dockerd.pid"; fi
  # Swarm tasks pull their image first (a failed pull of an image the node has is only logged, and the NXDOMAIN DNS
  # makes it fail fast), so app images pushed to the bed's registry reach every node. JOKKU_TESTBED_PREFER_OFFLINE=1
  # sets DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 instead: tasks never pull and run only images the node already has.
  DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=${JOKKU_TESTBED_PREFER_OFFLINE:-0} \
    setsid nsenter --net="/run/netns/$(ns "$i")" -- \
    unshare --uts -- sh -c 'hostname "$0" && exec "$@"' "$(ns "$i")" \
    dockerd \
    --config-file "$d/daemon.json" \
    --data-root "$d/data" \
    --exec-root "$d/exec" \
    --pidfile "$d/dockerd.pid" \
    -H "$(sock "$i")" \
    --storage-driver "$STORAGE" \
    --bip "10.220.$i.1/24" \
    --default-address-pool "base=10.22$i.0.0/16,size=24" \
    --cgroup-parent "/$(ns "$i")" \
    --swarm-default-advertise-addr "$(ip_of "$i")" \
    --insecure-registry "$NET.1:$REGISTRY_PORT" \
    --dns "$NET.1" \
    $(tls_flags "$i") \
    </dev/null >>"$d/dockerd.log" 2>&1 9<&- &
  disown
}

engine_wait() {
  local i=$1 t0
  t0=$(now)
  until dk "$i" version >/dev/null 2>&1; do
    if awk -v a="$t0" -v b="$(now)" -v t="$TIMEOUT" 'BEGIN { exit !(b - a > t) }'; then
      warn "node$i's dockerd did not answer on $(sock "$i") within $TIMEOUT s; the end of $DIR/n$i/dockerd.log:"
      tail -n 15 "$DIR/n$i/dockerd.log" >&2
      return 1
    fi
    sleep 0.1
  done
}

# Waits until node i is an active swarm node again (after a restart).
engine_wait_swarm() {
  local i=$1 t=0
  until [ "$(dk "$i" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null)" = active ]; do
    t=$((t + 1))
    [ "$t" -gt $((TIMEOUT * 10)) ] && { warn "node$i did not become an active swarm node within $TIMEOUT s"; return 1; }
    sleep 0.1
  done
}

# Stops node i's dockerd: SIGTERM and wait (it stops its containers, 10 s for a container that ignores SIGTERM,
# then its containerd), or with kill9=1 a crash: SIGKILL (containerd dies too; shims and containers stay).
engine_stop() {
  local i=$1 kill9=$2 pid t=0
  pid=$(cat "$DIR/n$i/dockerd.pid" 2>/dev/null) || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if [ "$kill9" = 1 ]; then kill -KILL "$pid"; else kill -TERM "$pid"; fi
  while kill -0 "$pid" 2>/dev/null; do
    sleep 0.1
    t=$((t + 1))
    if [ "$t" = 600 ]; then
      warn "node$i's dockerd ($pid) still runs 60 s after SIGTERM: SIGKILL"
      kill -KILL "$pid" 2>/dev/null
    fi
  done
}

# restart|stop|start node N's engine and wait until it answers (and, on a swarm, is an active node again).
tb_engine() {
  local what=$1 i=$2 kill9=$3 t0
  tb_load_conf || fail "test bed $NAME is not up (no $DIR/testbed.conf)"
  case "$i" in [1-9]) [ "$i" -le "$NODES" ] || fail "no node $i: the test bed has $NODES node$([ "$NODES" = 1 ] || echo s)" ;;
    *) fail "node must be a number from 1 to $NODES, got '$i'" ;; esac
  tb_lock 120
  t0=$(now)
  if [ "$what" != start ]; then
    engine_stop "$i" "$kill9"
    say "node$i's engine stopped$([ "$kill9" = 1 ] && echo ' (SIGKILL)') in $(since "$t0") s"
  fi
  if [ "$what" != stop ]; then
    dk "$i" version >/dev/null 2>&1 && fail "node$i's engine already runs"
    t0=$(now)
    engine_start "$i"
    engine_wait "$i" || exit 1
    if [ "$SWARM" = 1 ]; then engine_wait_swarm "$i" || exit 1; fi
    say "node$i's engine answers again on $(sock "$i") after $(since "$t0") s"
  fi
}
