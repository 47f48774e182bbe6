# Sourced by every benchmark script: the one exit handler (what a script started is stopped on any exit), timing
# helpers, and bench_workspace for the scripts that deploy.
#
# Sourcing installs a handler for EXIT, INT, TERM and HUP. On any exit (the last line, a failing step under set -e,
# Ctrl-C, kill) it stops every process started with bench_bg together with every process under it (TERM, KILL after
# 3 s), then runs the steps given to bench_defer, the last given first, each allowed to fail. Scripts never install
# their own trap.

BENCH_BGS=()
BENCH_DEFERRED=()
exec 9>&2 # the script's stderr, for clean-up steps that must still be heard (they run with output discarded)

# bench_defer CMD...: a clean-up step run at exit (a command line, run with eval).
bench_defer() { BENCH_DEFERRED+=("$*"); }

# bench_bg CMD...: starts CMD in the background (the caller's redirections apply) and sets BENCH_BG to its pid; the
# process and everything it started are stopped at exit unless they ended before.
bench_bg() {
  "$@" &
  BENCH_BG=$!
  BENCH_BGS+=("$BENCH_BG")
}

# bench_stop PID...: stops processes and every process under them: TERM to all at once, KILL to those left after 3 s.
bench_stop() {
  local all=() todo=("$@") pid child
  while ((${#todo[@]})); do # the whole tree first, so a parent that dies cannot orphan a child unseen
    pid=${todo[0]}
    todo=("${todo[@]:1}")
    kill -0 "$pid" 2>/dev/null || continue
    all+=("$pid")
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do todo+=("$child"); done
  done
  ((${#all[@]})) || return 0
  kill "${all[@]}" 2>/dev/null || true
  for _ in $(seq 1 30); do
    bench_alive "${all[@]}" || break
    sleep 0.1
  done
  kill -9 "${all[@]}" 2>/dev/null || true
  wait "${all[@]}" 2>/dev/null || true
}

# bench_alive PID...: true while any of them runs.
bench_alive() {
  local pid
  for pid in "$@"; do kill -0 "$pid" 2>/dev/null && return 0; done
  return 1
}

bench_exit() {
  local rc=$? i
  trap - EXIT INT TERM HUP
  set +eu
  ((${#BENCH_BGS[@]} == 0)) || bench_stop "${BENCH_BGS[@]}"
  for ((i = ${#BENCH_DEFERRED[@]} - 1; i >= 0; i--)); do eval "${BENCH_DEFERRED[i]}" >/dev/null 2>&1; done
  exit "$rc"
}
trap bench_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# bench_network_rm NET...: removes networks the script created. dockerd 20.10 can keep an endpoint of a removed
# container on a network ("has active endpoints" with no container left); such endpoints are disconnected by force
# and the removal tried again, and a network still left is named on stderr rather than left behind silently.
bench_network_rm() {
  local net ep
  for net in "$@"; do
    docker network rm "$net" >/dev/null 2>&1 && continue
    docker network inspect "$net" >/dev/null 2>&1 || continue # never created, or already gone
    for ep in $(docker network inspect -f '{{range $id, $c := .Containers}}{{$id}} {{end}}' "$net" 2>/dev/null); do
      docker network disconnect -f "$net" "$ep" >/dev/null 2>&1
    done
    docker network rm "$net" >/dev/null 2>&1 ||
      echo "bench: could not remove network $net (an endpoint the engine keeps; it goes after the engine restarts)" >&9
  done
}

# Nanoseconds since the epoch.
now() { date +%s%N; }

# The median of nanosecond figures on stdin, in whole milliseconds.
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m/1e6}'; }

# The median of microsecond figures on stdin, in milliseconds with one decimal.
median_ms() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'; }

# time_us CMD...: runs a command once with its output discarded; prints the wall time in microseconds. A failing
# command ends the script (with everything it started stopped).
time_us() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000))
}

# A free TCP port on 127.0.0.1 (20000-59999).
free_port() {
  local port=$((20000 + RANDOM % 40000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((20000 + RANDOM % 40000)); done
  echo "$port"
}

# bench_httpd_image DIR IMAGE LABEL: builds IMAGE (labelled LABEL) in DIR from Debian's static busybox: a web
# process answering its container's hostname on $PORT (default 5000), so a client sees which container served it.
bench_httpd_image() {
  mkdir -p "$1"
  cp /bin/busybox "$1/busybox"
  cat >"$1/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV PATH=/bin
CMD ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p ${PORT:-5000} -h /www"]
DOCKERFILE
  docker build -q --label "$3" -t "$2" "$1" >/dev/null 2>&1
}

# bench_sshd DIR: the script's own sshd on a free loopback port (SSHD_PORT), stopped at exit: host key DIR/host
# (DIR/host.pub written to DIR/known_hosts), keys from $DOKKU_ROOT/.ssh/authorized_keys, root logging in only with
# their forced commands, the sessions given this DOKKU_ROOT, DOKKU_LIB_ROOT and JOKKU_LABELS. Returns once it accepts.
bench_sshd() {
  local dir=$1
  SSHD_PORT=$(free_port)
  cat >"$dir/sshd_config" <<CONF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $dir/host
PidFile $dir/sshd.pid
AuthorizedKeysFile $DOKKU_ROOT/.ssh/authorized_keys
AllowUsers root
PermitRootLogin forced-commands-only
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PrintMotd no
UseDNS no
SetEnv "DOKKU_ROOT=$DOKKU_ROOT" "DOKKU_LIB_ROOT=$DOKKU_LIB_ROOT" "JOKKU_LABELS=$JOKKU_LABELS"
CONF
  mkdir -p /run/sshd
  bench_bg /usr/sbin/sshd -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log"
  echo "[127.0.0.1]:$SSHD_PORT $(cat "$dir/host.pub")" >"$dir/known_hosts"
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$SSHD_PORT") 2>/dev/null && break; sleep 0.1; done
}

# A temporary DOKKU_ROOT and DOKKU_LIB_ROOT, a build-context folder CTX, everything jokku creates labelled
# com.jokku.bench=$RUN; at exit jokku's nginx is stopped, what carries the label is removed with the image $1 (the
# script's own) and the folders. Set RUN first.
bench_workspace() {
  BENCH_IMAGE=$1
  export DOKKU_ROOT=$(mktemp -d) DOKKU_LIB_ROOT=$(mktemp -d) JOKKU_LABELS="com.jokku.bench=$RUN"
  # 0755 like /home/dokku and /var/lib/dokku: nginx's unprivileged workers read error pages and temp files there
  chmod 755 "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
  CTX=$(mktemp -d)
  bench_defer bench_cleanup
}

bench_cleanup() {
  bin/jokku proxy:stop >/dev/null 2>&1 || true
  docker rm -f $(docker ps -aq --filter label=com.jokku.bench=$RUN) >/dev/null 2>&1 || true
  docker rmi -f $(docker images -q --filter label=com.jokku.bench=$RUN) "$BENCH_IMAGE" >/dev/null 2>&1 || true
  rm -rf "$DOKKU_ROOT" "$DOKKU_LIB_ROOT" "$CTX"
}
