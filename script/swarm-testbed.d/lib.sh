# Common settings and helpers of script/swarm-testbed (sourced). See the header of script/swarm-testbed.

NAME=${JOKKU_TESTBED_NAME:-jtb}
case "$NAME" in *[!a-z0-9]* | "" | ?????????*)
  echo " !     JOKKU_TESTBED_NAME must be 1 to 8 lowercase letters or digits, got '$NAME'" >&2
  exit 2 ;;
esac
DIR=${JOKKU_TESTBED_DIR:-/tmp/jokku-testbed-$NAME}
case "$DIR" in /?*) DIR=${DIR%/} ;; *) echo " !     JOKKU_TESTBED_DIR must be an absolute path, got '$DIR'" >&2; exit 2 ;; esac
TIMEOUT=${JOKKU_TESTBED_TIMEOUT:-60}
SWARM_POOL=10.240.0.0/16
REGISTRY_PORT=5000
TEST_IMAGE=jokku-test/busybox:latest
SW=$NAME-sw
HOST_LINK=$NAME-host
# shellcheck source=/dev/null
. "$HERE/swarm-testbed.d/engines.sh"
# shellcheck source=/dev/null
. "$HERE/swarm-testbed.d/up.sh"
# shellcheck source=/dev/null
. "$HERE/swarm-testbed.d/down.sh"
# shellcheck source=/dev/null
. "$HERE/swarm-testbed.d/ssh.sh"

say() { printf -- '-----> %s\n' "$*" >&2; }
warn() { printf ' !     %s\n' "$*" >&2; }
fail() {
  warn "$*"
  exit 1
}
now() { date +%s.%N; }
T0=$(now)
dbg() { [ "${JOKKU_TESTBED_DEBUG:-0}" = 0 ] || printf '       [%s s] %s\n' "$(since "$T0")" "$*" >&2; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# A process's start time (clock ticks since boot), so that a reused pid is not taken for the owner.
proc_start() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $20 }'; }

ns() { echo "$NAME-n$1"; }
ip_of() { echo "$NET.$((10 + $1))"; }
sock() { echo "unix://$DIR/n$1/docker.sock"; }
dk() {
  local i=$1
  shift
  docker -H "$(sock "$i")" "$@"
}
in_ns() {
  local n=$1
  shift
  nsenter --net="/run/netns/$n" -- "$@"
}

# The bed's settings, written by `up` before it creates anything: NET, NODES, SWARM, HOST_LINK_ON, RUN_CONTAINERD.
tb_load_conf() {
  [ -f "$DIR/testbed.conf" ] || return 1
  # shellcheck source=/dev/null
  . "$DIR/testbed.conf"
}

# Exclusive use of this bed (up, down and the engine commands); the lock dies with the process holding it.
# Background daemons are started with fd 9 closed so that they never hold it.
tb_lock() {
  mkdir -p "$DIR" && exec 9<"$DIR" || fail "cannot create the state dir $DIR"
  flock -w "${1:-0}" 9 || fail "test bed $NAME is busy: another swarm-testbed command is running on $DIR"
}
