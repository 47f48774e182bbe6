#!/usr/bin/env bash
# The ssh door's cost: `ssh dokku@127.0.0.1 apps:list` (Dokku's forced command: sshd, the key's command line, then
# bin/jokku) beside plain `bin/jokku apps:list`, with ssh's own cost shown separately (a key whose forced command is
# `true`: handshake, authentication and session, no jokku), a key that is not an admin (the ACL filter), and the
# docker CLI's `docker ps -q` as the usual reference. The script runs its own sshd on a free loopback port (own host
# key, own authorized_keys written by ssh-keys:add), logging in as root under PermitRootLogin forced-commands-only
# (the stand-in for the dokku user); it and the workspace go on any exit.
# Usage: bench/ssh.sh [rounds=15] [apps=20]   (needs target/jokku.jar, /usr/sbin/sshd: script/bootstrap)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-15}
APPS=${2:-20}
source bench/lib.sh
WS=$(mktemp -d)
export DOKKU_ROOT=$WS/home DOKKU_LIB_ROOT=$WS/lib JOKKU_LABELS="com.jokku.bench=ssh-$$"
mkdir -p "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
bench_defer rm -rf "$WS"
jokku() { bin/jokku "$@"; }

ssh-keygen -q -t ed25519 -N '' -f "$WS/host"
for k in admin alice noop; do ssh-keygen -q -t ed25519 -N '' -C "$k" -f "$WS/$k"; done
printf '%s\n' "$PWD/bin/jokku" >"$DOKKU_ROOT/.sshcommand"
JOKKU_ARCHIVE=sync jokku help >/dev/null
jokku ssh-keys:add admin "$WS/admin.pub" >/dev/null
jokku ssh-keys:set admin admin true >/dev/null
jokku ssh-keys:add alice "$WS/alice.pub" >/dev/null
printf 'command="true",no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding %s\n' "$(cat "$WS/noop.pub")" >>"$DOKKU_ROOT/.ssh/authorized_keys"
for i in $(seq 1 "$APPS"); do jokku apps:create "bench-$i" >/dev/null; done
jokku acl:add bench-1 alice

bench_sshd "$WS"
port=$SSHD_PORT
as() { # as KEY CMD...: ssh with that key, no config, no agent, strict host-key checking against the bench's sshd
  local key=$1
  shift
  ssh -F /dev/null -i "$WS/$key" -p "$port" -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes \
    -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$WS/known_hosts" -o LogLevel=ERROR -T root@127.0.0.1 "$@"
}
[ "$(as admin apps:list --quiet | wc -l)" = "$APPS" ] || { echo "ssh apps:list did not list the $APPS apps" >&2; exit 1; }
[ "$(as alice apps:list --quiet)" = bench-1 ] || { echo "alice's apps:list is not her one app" >&2; exit 1; }

local_us=() ssh_us=() alice_us=() noop_us=() docker_us=()
for _ in $(seq 1 "$ROUNDS"); do
  local_us+=("$(time_us jokku apps:list)")
  ssh_us+=("$(time_us as admin apps:list)")
  alice_us+=("$(time_us as alice apps:list)")
  noop_us+=("$(time_us as noop)")
  docker_us+=("$(time_us docker ps -q)")
done
l=$(printf '%s\n' "${local_us[@]}" | median_ms)
s=$(printf '%s\n' "${ssh_us[@]}" | median_ms)
a=$(printf '%s\n' "${alice_us[@]}" | median_ms)
n=$(printf '%s\n' "${noop_us[@]}" | median_ms)
d=$(printf '%s\n' "${docker_us[@]}" | median_ms)
echo "apps:list ($APPS apps), medians of $ROUNDS rounds (load: $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  bin/jokku apps:list                   $l ms"
echo "  ssh (admin key) apps:list             $s ms   ratio to bin/jokku $(awk "BEGIN {printf \"%.2f\", $s / $l}")"
echo "  ssh (key on one app's ACL) apps:list  $a ms   ratio to bin/jokku $(awk "BEGIN {printf \"%.2f\", $a / $l}")"
echo "  ssh alone (forced command true)       $n ms   share of ssh apps:list $(awk "BEGIN {printf \"%.0f\", 100 * $n / $s}") %"
echo "  docker ps -q (docker CLI reference)   $d ms   ssh apps:list / docker ps $(awk "BEGIN {printf \"%.2f\", $s / $d}")"
