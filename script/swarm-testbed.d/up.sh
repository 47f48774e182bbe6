# `up` (sourced by script/swarm-testbed).

tb_require() {
  local missing= c
  [ "$(id -u)" = 0 ] || fail "the test bed needs root (network namespaces, a dockerd per node)"
  for c in dockerd docker nsenter unshare setsid flock ip ssh ssh-keygen openssl; do command -v "$c" >/dev/null 2>&1 || missing="$missing $c"; done
  for c in /usr/bin/docker-registry /usr/bin/python3 /bin/busybox /usr/sbin/sshd; do [ -x "$c" ] || missing="$missing $c"; done
  [ -z "$missing" ] || fail "missing:$missing (run script/bootstrap)"
  [ ! -S /run/containerd/containerd.sock ] ||
    fail "a system containerd runs (/run/containerd/containerd.sock): every node's dockerd would share it"
}

# The LAN's first three octets: JOKKU_TESTBED_NET, or the first 10.213.X whose /24 no root netns route touches.
# Called under a machine-wide lock, held until the host link (and so its route) exists.
tb_pick_net() {
  local x
  if [ -n "${JOKKU_TESTBED_NET:-}" ]; then
    NET=$JOKKU_TESTBED_NET
    [ "$1" = 0 ] || net_free "$NET" || { warn "$NET.0/24 is already routed in the root netns (the host's network or another test bed): choose another JOKKU_TESTBED_NET"; return 1; }
    return 0
  fi
  for x in $(seq 0 254); do
    if [ "$1" = 0 ] || net_free "10.213.$x"; then NET=10.213.$x; return 0; fi
  done
  warn "no free 10.213.X.0/24 for the test bed's LAN"
  return 1
}
net_free() { [ -z "$(ip -4 route show match "$1.1" | grep -v '^default')" ]; }

tb_net_up() {
  local i n
  ip netns add "$SW" || return 1
  ip -n "$SW" link set lo up
  ip -n "$SW" link add br0 type bridge
  ip -n "$SW" addr add "$NET.1/24" dev br0
  ip -n "$SW" link set br0 up
  # The switch is the nodes' "refusing router": every off-LAN address is local here (AnyIP) and nothing listens, so
  # a registry pull or an upstream DNS query fails at once instead of timing out; it never answers ARP for the
  # nodes' addresses nor pings for off-LAN ones. br_netfilter makes bridged frames cross THIS netns' (empty) FORWARD.
  ip -n "$SW" route add local 0.0.0.0/0 dev lo
  in_ns "$SW" sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.br0.arp_ignore=1 \
    net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_echo_ignore_all=1 || return 1
  for i in $(seq 1 "$NODES"); do
    n=$(ns "$i")
    ip netns add "$n" || return 1
    # both ends created inside their namespaces: no eth0 name clash, nothing in the root netns
    ip link add eth0 netns "$n" type veth peer name "n$i" netns "$SW" || return 1
    ip -n "$SW" link set "n$i" master br0 up
    ip -n "$n" link set lo up
    ip -n "$n" addr add "$(ip_of "$i")/24" dev eth0
    ip -n "$n" link set eth0 up
    ip -n "$n" route add default via "$NET.1" || return 1
  done
  if [ "$HOST_LINK_ON" = 1 ]; then
    ip link add "$HOST_LINK" type veth peer name host netns "$SW" || return 1
    sysctl -qw "net.ipv6.conf.$HOST_LINK.disable_ipv6=1"
    ip -n "$SW" link set host master br0 up
    ip addr add "$NET.254/24" dev "$HOST_LINK"
    ip link set "$HOST_LINK" up || return 1
  fi
}

# The switch's services: an NXDOMAIN DNS server (dockerd --dns; the 20.10 embedded DNS does not answer at all when
# its upstream fails, so every unknown name would cost a client timeout) and the registry.
tb_services_up() {
  cp "$HERE/swarm-testbed.d/nxdns.py" "$DIR/nxdns.py"
  setsid nsenter --net="/run/netns/$SW" -- /usr/bin/python3 "$DIR/nxdns.py" "$NET.1" \
    </dev/null >"$DIR/nxdns.log" 2>&1 9<&- &
  disown
  mkdir -p "$DIR/registry"
  cat >"$DIR/registry.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $DIR/registry
  delete:
    enabled: true
http:
  addr: $NET.1:$REGISTRY_PORT
  secret: jokku-testbed-$NAME
EOF
  setsid nsenter --net="/run/netns/$SW" -- /usr/bin/docker-registry serve "$DIR/registry.yml" \
    </dev/null >"$DIR/registry.log" 2>&1 9<&- &
  disown
}

registry_wait() {
  local t=0
  until in_ns "$SW" bash -c "exec 3<>/dev/tcp/$NET.1/$REGISTRY_PORT" 2>/dev/null; do
    t=$((t + 1))
    [ "$t" -gt $((TIMEOUT * 10)) ] && { warn "the registry did not listen within $TIMEOUT s:"; tail -n 15 "$DIR/registry.log" >&2; return 1; }
    sleep 0.1
  done
}

# The test image (FROM scratch + /bin/busybox and its applets' links in /bin, as src/test/java/jokku/TestImages.java
# builds it) as a tar to import; one process, no fork per applet.
busybox_tar() {
  /usr/bin/python3 - "$DIR/busybox.tar" <<'PY'
import subprocess, sys, tarfile
applets = subprocess.run(["/bin/busybox", "--list"], capture_output=True, text=True, check=True).stdout.split()
with tarfile.open(sys.argv[1], "w") as t:
    d = tarfile.TarInfo("bin"); d.type = tarfile.DIRTYPE; d.mode = 0o755; t.addfile(d)
    t.add("/bin/busybox", arcname="bin/busybox")
    for a in applets:
        if a != "busybox":
            link = tarfile.TarInfo("bin/" + a); link.type = tarfile.SYMTYPE; link.linkname = "busybox"; t.addfile(link)
PY
}

node_images() {
  local i=$1
  [ ! -f "$DIR/busybox.tar" ] || dk "$i" import --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' --change 'LABEL com.jokku.test=image' \
    "$DIR/busybox.tar" "$TEST_IMAGE" >/dev/null || return 1
  [ ! -f "$DIR/images.tar" ] || dk "$i" load -q -i "$DIR/images.tar" >/dev/null
}

tb_swarm_up() {
  local i tok t=0
  dk 1 swarm init --advertise-addr "$(ip_of 1)" --listen-addr "$(ip_of 1):2377" \
    --default-addr-pool "$SWARM_POOL" --default-addr-pool-mask-length 24 >/dev/null || return 1
  tok=$(dk 1 swarm join-token -q worker) || return 1
  for i in $(seq 2 "$NODES"); do
    dk "$i" swarm join --token "$tok" --advertise-addr "$(ip_of "$i")" --listen-addr "$(ip_of "$i"):2377" \
      "$(ip_of 1):2377" >/dev/null || return 1
  done
  until [ "$(dk 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$')" = "$NODES" ]; do
    t=$((t + 1))
    [ "$t" -gt $((TIMEOUT * 10)) ] && { warn "not every node is Ready after $TIMEOUT s"; dk 1 node ls >&2; return 1; }
    sleep 0.1
  done
}

tb_exports() {
  local i nodes= addrs= netns= ids= ls= sshs=
  [ "$SWARM" = 0 ] || ls=$(dk 1 node ls --format '{{.Hostname}} {{.ID}}') || return 1
  for i in $(seq 1 "$NODES"); do
    nodes="$nodes $(sock "$i")" addrs="$addrs $(ip_of "$i")" netns="$netns $(ns "$i")" sshs="$sshs ssh://root@$(ip_of "$i")"
    [ "$SWARM" = 0 ] || ids="$ids $(echo "$ls" | awk -v h="$(ns "$i")" '$1 == h { print $2 }')"
  done
  cat <<EOF
export DOCKER_HOST='$(sock 1)'
export JOKKU_TESTBED_NAME='$NAME'
export JOKKU_TESTBED_DIR='$DIR'
export JOKKU_TESTBED_NET='$NET'
export JOKKU_TESTBED_REGISTRY='$NET.1:$REGISTRY_PORT'
export JOKKU_TESTBED_NODES='${nodes# }'
export JOKKU_TESTBED_NODE_ADDRS='${addrs# }'
export JOKKU_TESTBED_NODE_IDS='${ids# }'
export JOKKU_TESTBED_NETNS='${netns# }'
export JOKKU_TESTBED_HOST_ADDR='$([ "$HOST_LINK_ON" = 1 ] && echo "$NET.254")'
export JOKKU_TESTBED_SWARM='$SWARM'
export JOKKU_TESTBED_IMAGE='$TEST_IMAGE'
export JOKKU_TESTBED_SSH_NODES='${sshs# }'
export JOKKU_TESTBED_SSH_CONFIG='$DIR/ssh/config'
export JOKKU_TESTBED_TLS_HOST='$([ "$TLS_NODE" = 0 ] || echo "tcp://$(ip_of "$TLS_NODE"):2376")'
export JOKKU_TESTBED_TLS_CERT_PATH='$([ "$TLS_NODE" = 0 ] || echo "$DIR/tls/client")'
EOF
}

up_failed() {
  warn "up failed: $*"
  if [ "${JOKKU_TESTBED_KEEP:-0}" = 1 ]; then
    warn "JOKKU_TESTBED_KEEP=1: the partial test bed stays for inspection in $DIR (remove it with down)"
  else
    tb_teardown >&2
  fi
  exit 1
}

tb_up() {
  local i t0 pids=() images_pid=
  NODES=$1 SWARM=$2 HOST_LINK_ON=$3
  shift 3
  t0=$(now)
  tb_require
  OWNER=${JOKKU_TESTBED_OWNER:-} OWNER_START=
  if [ -n "$OWNER" ]; then
    OWNER_START=$(proc_start "$OWNER")
    [ -n "$OWNER_START" ] || fail "JOKKU_TESTBED_OWNER=$OWNER: no such process"
  fi
  case "${JOKKU_TESTBED_NET:-10.213.0}" in
    *[!0-9.]* | *.*.*.* | *..* | .* | *.) fail "JOKKU_TESTBED_NET must be three octets like 10.213.0, got '$JOKKU_TESTBED_NET'" ;;
    *.*.*) ;;
    *) fail "JOKKU_TESTBED_NET must be three octets like 10.213.0, got '$JOKKU_TESTBED_NET'" ;;
  esac
  for i in "$@"; do
    docker image inspect "$i" >/dev/null 2>&1 || fail "--image $i: no such image on the engine at ${DOCKER_HOST:-unix:///var/run/docker.sock}"
  done
  if [ -e "/run/netns/$SW" ] || [ -e "$DIR/testbed.conf" ] || [ -e "/sys/class/net/$HOST_LINK" ]; then
    fail "test bed $NAME already exists (script/swarm-testbed down removes it; a second bed needs another JOKKU_TESTBED_NAME)"
  fi
  tb_lock 0
  STORAGE=${JOKKU_TESTBED_STORAGE:-overlay2}
  case "$(stat -f -c %T "$DIR")" in overlayfs | tmpfs) STORAGE=${JOKKU_TESTBED_STORAGE:-vfs} ;; esac
  exec 8</tmp
  flock -w 60 8 || fail "another test bed is being set up and holds the lock on /tmp for over 60 s"
  tb_pick_net "$HOST_LINK_ON" || { rmdir "$DIR" 2>/dev/null; exit 1; }
  RUN_CONTAINERD=$([ -d /run/containerd ] && echo 1 || echo 0)
  trap 'up_failed "interrupted"' INT TERM
  printf 'NET=%s\nNODES=%s\nSWARM=%s\nHOST_LINK_ON=%s\nRUN_CONTAINERD=%s\nSTORAGE=%s\nOWNER=%s\nOWNER_START=%s\nTLS_NODE=%s\n' \
    "$NET" "$NODES" "$SWARM" "$HOST_LINK_ON" "$RUN_CONTAINERD" "$STORAGE" "$OWNER" "$OWNER_START" "$TLS_NODE" >"$DIR/testbed.conf"
  tb_net_up || up_failed "network namespaces"
  dbg "network up"
  exec 8<&-
  say "Test bed $NAME: $NODES node$([ "$NODES" = 1 ] || echo s) on $NET.0/24$([ "$HOST_LINK_ON" = 1 ] && echo ", host link $HOST_LINK $NET.254"), state in $DIR"
  tb_services_up
  tb_ssh_keys || up_failed "the ssh keys"
  [ "$TLS_NODE" = 0 ] || tb_tls_certs "$TLS_NODE" || up_failed "the TLS certificates"
  for i in $(seq 1 "$NODES"); do engine_start "$i"; tb_sshd_start "$i"; done
  # while the engines boot: the image tars
  {
    # an --image of the same name (the host's own build of it) takes its place
    case " $* " in *" $TEST_IMAGE "*) ;; *) busybox_tar || exit 1 ;; esac
    [ $# -eq 0 ] || docker save -o "$DIR/images.tar" "$@" || exit 1
  } 9<&- &
  images_pid=$!
  dbg "engines started"
  for i in $(seq 1 "$NODES"); do engine_wait "$i" || up_failed "node$i's engine"; done
  dbg "engines answer"
  wait "$images_pid" || up_failed "preparing the images ($TEST_IMAGE from /bin/busybox${1:+, docker save $*})"
  for i in $(seq 1 "$NODES"); do node_images "$i" 9<&- & pids+=($!); done
  for i in $(seq 1 "$NODES"); do wait "${pids[$((i - 1))]}" || up_failed "loading the images into node$i"; done
  rm -f "$DIR/busybox.tar" "$DIR/images.tar"
  dbg "images loaded"
  say "$NODES $([ "$NODES" = 1 ] && echo "engine answers" || echo "engines answer"), images loaded ($(since "$t0") s)"
  registry_wait || up_failed "the registry"
  for i in $(seq 1 "$NODES"); do tb_sshd_wait "$i" || up_failed "node$i's sshd"; done
  if [ "$SWARM" = 1 ]; then
    tb_swarm_up || up_failed "the swarm"
    say "Swarm: node1 manager, $((NODES - 1)) workers, all Ready ($(since "$t0") s)"
  fi
  tb_exports >"$DIR/exports" || up_failed "reading the node ids"
  trap - INT TERM
  say "Test bed $NAME up in $(since "$t0") s (registry $NET.1:$REGISTRY_PORT); remove it with script/swarm-testbed down"
  cat "$DIR/exports"
}
