# `down` and `status` (sourced by script/swarm-testbed).

# Node numbers of this bed: from its settings, its netns and its state dir (a crashed `up` may have left any of them).
node_numbers() {
  {
    [ "${NODES:-0}" -gt 0 ] && seq 1 "$NODES"
    ip netns list 2>/dev/null | awk -v p="$NAME-n" 'index($1, p) == 1 { print substr($1, length(p) + 1) }'
    for d in "$DIR"/n[0-9]*; do [ -d "$d" ] && echo "${d##*/n}"; done
  } | grep -E '^[0-9]+$' | sort -un
}

# Processes proven to be this bed's: our daemons (a state-dir path in their command line; never matched by binary
# name alone, the host's engine runs the same binaries), the nodes' containers (our cgroup parents) and anything
# inside our namespaces (docker-proxy, a shell someone entered). Uses $nodes (node_numbers, computed once).
our_pids() {
  local p cmd n args dirs
  for p in /proc/[0-9]*; do
    { mapfile -d '' args <"$p/cmdline"; } 2>/dev/null || continue
    [ "${#args[@]}" -gt 0 ] || continue
    case "${args[0]}" in
      dockerd | */dockerd | containerd | */containerd | containerd-shim* | */containerd-shim* | */docker-registry | */python3 | */sshd) ;;
      *) continue ;;
    esac
    cmd=" ${args[*]}"
    case "$cmd" in *" $DIR/"*) echo "${p#/proc/}" ;; esac
  done
  dirs=$(cgroup_dirs)
  # shellcheck disable=SC2086
  [ -z "$dirs" ] || find $dirs -name cgroup.procs -exec cat {} + 2>/dev/null
  for n in $all_ns; do
    [ -e "/run/netns/$n" ] && ip netns pids "$n" 2>/dev/null
  done
}

# The nodes' cgroup parents (cgroup v1: one per controller; v2: one).
cgroup_dirs() {
  local n d
  for n in $nodes; do
    for d in /sys/fs/cgroup/*/"$NAME-n$n" /sys/fs/cgroup/"$NAME-n$n"; do [ -d "$d" ] && echo "$d"; done
  done
}

# Only what `up` puts in a state dir: never rm -rf a directory that holds anything else.
state_dir_is_ours() {
  local f
  for f in "$DIR"/* "$DIR"/.[!.]*; do
    [ -e "$f" ] || continue
    case "${f##*/}" in
      testbed.conf | exports | registry | registry.yml | registry.log | nxdns.py | nxdns.log | busybox.tar | images.tar | ssh | tls) ;;
      n[0-9]*) ;;
      *) return 1 ;;
    esac
  done
}

tb_teardown() {
  local t0 n pids sockets= round=0 left=
  t0=$(now)
  nodes=$(node_numbers)
  all_ns="$SW $(for n in $nodes; do ns "$n"; done)"
  # shim sockets (/run/containerd/s/<hash>) are removed by a shim that exits, not by one that is killed
  for n in $all_ns; do
    [ -e "/run/netns/$n" ] && sockets="$sockets $(in_ns "$n" cat /proc/net/unix 2>/dev/null | awk '$8 ~ "^/run/containerd/s/" { print $8 }')"
  done
  dbg "sockets collected"
  while pids=$(our_pids | grep -vx -e "$$" -e "${BASHPID:-$$}" | sort -u) && [ -n "$pids" ]; do
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null
    round=$((round + 1))
    [ "$round" -gt 100 ] && { warn "processes that survive SIGKILL: $(echo $pids)"; break; }
    sleep 0.1
  done
  dbg "processes killed ($round rounds)"
  for n in $sockets; do rm -f "$n"; done
  for round in 1 2 3; do
    awk -v r="$DIR/" 'index($5, r) == 1 { print $5 }' /proc/self/mountinfo | sort -r | while read -r m; do
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
    done
  done
  dbg "unmounted"
  for n in $all_ns; do [ -e "/run/netns/$n" ] && ip netns del "$n"; done
  dbg "netns deleted"
  [ -e "/sys/class/net/$HOST_LINK" ] && ip link del "$HOST_LINK" 2>/dev/null   # (gone with its peer in $SW)
  for round in 1 2 3 4 5 6 7 8 9 10; do   # a killed container's cgroup can stay busy for a moment
    left=$(cgroup_dirs)
    [ -z "$left" ] && break
    # shellcheck disable=SC2086
    find $left -depth -type d -exec rmdir {} + 2>/dev/null
    [ -z "$(cgroup_dirs)" ] && break
    sleep 0.2
  done
  dbg "cgroups removed"
  if [ "${RUN_CONTAINERD:-1}" = 0 ]; then rmdir /run/containerd/s /run/containerd 2>/dev/null; fi
  # sshd's privilege separation folder, if up made it and no other sshd (another bed's, a test's) still needs it
  if [ "${RUN_SSHD_MADE:-0}" = 1 ] && ! pgrep -x sshd >/dev/null; then rmdir /run/sshd 2>/dev/null; fi
  if [ -d "$DIR" ]; then
    if state_dir_is_ours; then rm -rf "$DIR"; else warn "$DIR holds files the test bed did not make: kept"; fi
  fi
  dbg "state dir removed"
  tb_verify_gone && say "Test bed $NAME down in $(since "$t0") s"
}

tb_verify_gone() {
  local bad= n
  for n in $all_ns; do [ -e "/run/netns/$n" ] && bad="$bad netns $n;"; done
  [ -e "/sys/class/net/$HOST_LINK" ] && bad="$bad link $HOST_LINK;"
  grep -q " $DIR/" /proc/self/mountinfo && bad="$bad mounts under $DIR;"
  [ -n "$(cgroup_dirs)" ] && bad="$bad cgroups $(cgroup_dirs | tr '\n' ' ');"
  [ -n "$(our_pids)" ] && bad="$bad processes $(our_pids | tr '\n' ' ');"
  [ -z "$bad" ] || { warn "down left:$bad"; return 1; }
}

tb_down() {
  if [ ! -d "$DIR" ] && [ ! -e "/run/netns/$SW" ] && [ ! -e "/sys/class/net/$HOST_LINK" ] && [ -z "$(node_numbers)" ]; then
    say "Test bed $NAME is not up: nothing to remove"
    return 0
  fi
  tb_lock 120
  tb_load_conf || true
  tb_teardown
}

tb_status() {
  local i ok=0 st
  tb_load_conf || { echo "test bed $NAME: not up"; [ -n "$(node_numbers)" ] && echo "leftovers found: run down"; return 1; }
  echo "test bed $NAME: $NODES node$([ "$NODES" = 1 ] || echo s) on $NET.0/24, state in $DIR, swarm $([ "$SWARM" = 1 ] && echo on || echo off)"
  for i in $(seq 1 "$NODES"); do
    if st=$(dk "$i" info --format '{{.Name}} engine {{.ServerVersion}}, swarm {{.Swarm.LocalNodeState}}{{if .Swarm.ControlAvailable}} (manager){{end}}' 2>/dev/null); then
      echo "node$i $(ip_of "$i") $(sock "$i"): $st"
    else
      echo "node$i $(ip_of "$i") $(sock "$i"): NOT ANSWERING"
      ok=1
    fi
  done
  if [ "$SWARM" = 1 ] && dk 1 version >/dev/null 2>&1; then dk 1 node ls 2>&1 | sed 's/^/  /'; fi
  if in_ns "$SW" bash -c "exec 3<>/dev/tcp/$NET.1/$REGISTRY_PORT" 2>/dev/null; then
    echo "registry $NET.1:$REGISTRY_PORT: listening"
  else
    echo "registry $NET.1:$REGISTRY_PORT: NOT LISTENING"
    ok=1
  fi
  [ "$HOST_LINK_ON" = 1 ] && echo "host link $HOST_LINK $NET.254: $(cat "/sys/class/net/$HOST_LINK/operstate" 2>/dev/null || echo MISSING)"
  return "$ok"
}

# Beds (in the default place) whose owner process is gone: a test JVM killed before it could run `down`.
tb_prune() {
  local conf d owner start rc=0
  for conf in /tmp/jokku-testbed-*/testbed.conf; do
    [ -f "$conf" ] || continue
    owner=$(sed -n 's/^OWNER=//p' "$conf")
    start=$(sed -n 's/^OWNER_START=//p' "$conf")
    [ -n "$owner" ] || continue
    [ "$(proc_start "$owner")" = "$start" ] && continue
    d=${conf%/testbed.conf}
    say "Removing test bed ${d#/tmp/jokku-testbed-}: its owner (pid $owner) is gone"
    JOKKU_TESTBED_NAME=${d#/tmp/jokku-testbed-} JOKKU_TESTBED_DIR=$d "$0" down || rc=1
  done
  return "$rc"
}
