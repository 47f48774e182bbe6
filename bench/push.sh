#!/usr/bin/env bash
# Time of a `git push` deploy until `Application deployed` (Dockerfile app, web=1, checks at default-wait 0): the
# first push (app created, built, deployed) and a push of a one-line change, through a real sshd (the bench's own,
# on a free loopback port, root login with the forced command only) to bin/jokku, next to `docker build` +
# `docker run -d` of the same context in the same script. The ssh/git share comes from the same change deployed
# two more ways each round: pushed to the repository's path (git and the hook, no ssh) and `git archive | jokku
# git:from-archive` (the deploy alone, no git). Medians and ratios.
# Usage: bench/push.sh [rounds=5]   (runs as root: bin/jokku with its start-up archive made first, /usr/sbin/sshd,
# git, the jokku-test/busybox image). Everything it starts or creates is stopped and removed on any exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
RUN="bench-$$"
IMAGE="jokku-test/pushbench-$$:latest"
source bench/lib.sh
bench_workspace "$IMAGE"
WS=$(mktemp -d)
bench_defer rm -rf "$WS"
# the detached retirements the deploys scheduled (wait-to-retire stays at its default, as in Dokku): the ones whose
# environment names this run's DOKKU_ROOT, with their sleep
stop_retirements() {
  for p in $(pgrep -f RetireLater || true); do
    if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qxF "DOKKU_ROOT=$DOKKU_ROOT"; then
      pkill -P "$p" 2>/dev/null || true
      kill "$p" 2>/dev/null || true
    fi
  done
}
bench_defer stop_retirements
jokku() { bin/jokku "$@"; }
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@jokku.invalid GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@jokku.invalid

# the bench's sshd: own host key, own authorized_keys, the workspace's DOKKU_ROOT/DOKKU_LIB_ROOT for the session
ssh-keygen -q -t ed25519 -N '' -f "$WS/host" && ssh-keygen -q -t ed25519 -N '' -f "$WS/client"
# the bench's key registered as an admin would: Dokku's forced-command line, an admin key (it creates the app)
mkdir -p "$DOKKU_ROOT" && printf '%s\n' "$PWD/bin/jokku" >"$DOKKU_ROOT/.sshcommand"
jokku ssh-keys:add bench "$WS/client.pub" >/dev/null
jokku ssh-keys:set bench admin true >/dev/null
bench_sshd "$WS"
sshport=$SSHD_PORT
export GIT_SSH_COMMAND="ssh -F /dev/null -i $WS/client -p $sshport -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$WS/known_hosts"

JOKKU_ARCHIVE=sync jokku help >/dev/null
port=$(free_port)
jokku proxy:set --global listen "127.0.0.1:$port" >/dev/null
jokku checks:set --global default-wait 0 >/dev/null

# the app: a small Dockerfile project, a git repository in $CTX
printf 'FROM jokku-test/busybox:latest\nWORKDIR /app\nCOPY . /app\n' >"$CTX/Dockerfile"
printf 'web: httpd -f -p $PORT -h /app\n' >"$CTX/Procfile"
echo v0 >"$CTX/index.html"
git -C "$CTX" init -q -b main && git -C "$CTX" add -A && git -C "$CTX" commit -qm v0

change() { echo "$1" >"$CTX/index.html" && git -C "$CTX" commit -qam "$1"; }
pushed() { # $1: remote; the push must end with the deploy
  local out
  out=$(git -C "$CTX" push -q "$1" main 2>&1) || { echo "$out" >&2; exit 1; }
  case $out in *"Application deployed"*) ;; *) echo "$out" >&2; echo " !     no 'Application deployed' in the push" >&2; exit 1 ;; esac
}
docker_deploy() { # $1: round tag; build and run the same context as docker would
  docker build -q --label "com.jokku.bench=$RUN" -t "$IMAGE" "$CTX" >/dev/null 2>"$WS/build.err" || { cat "$WS/build.err" >&2; exit 1; }
  docker run -d --name "docker-bench-$RUN-$1" --init --label "com.jokku.bench=$RUN" -e PORT=5000 "$IMAGE" \
    httpd -f -p 5000 -h /app >/dev/null
}

first=() dfirst=() push=() dpush=() local=() archive=()
for r in $(seq 1 "$ROUNDS"); do
  app="pushbench-$$-$r"
  change "first $r"
  t=$(now); pushed "root@127.0.0.1:$app"; first+=($(( $(now) - t )))
  t=$(now); docker_deploy "first-$r"; dfirst+=($(( $(now) - t )))
  change "change $r"
  t=$(now); pushed "ssh://root@127.0.0.1:$sshport/$app"; push+=($(( $(now) - t )))
  t=$(now); docker_deploy "change-$r"; dpush+=($(( $(now) - t )))
  change "local $r"
  t=$(now); pushed "$DOKKU_ROOT/$app"; local+=($(( $(now) - t )))
  change "archive $r"
  t=$(now); git -C "$CTX" archive --format=tar HEAD | jokku --quiet git:from-archive "$app" - >/dev/null; archive+=($(( $(now) - t )))
done
m() { printf '%s\n' "$@" | median; }
f=$(m "${first[@]}") df=$(m "${dfirst[@]}") p=$(m "${push[@]}") dp=$(m "${dpush[@]}") l=$(m "${local[@]}") a=$(m "${archive[@]}")
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
share() { awk "BEGIN {printf \"%.0f\", 100 * ($1 - $2) / $3}"; }
echo "git push deploy (Dockerfile app, web=1, default-wait 0), median of $ROUNDS, load $(cut -d' ' -f1-3 /proc/loadavg):"
echo "  first push:        jokku ${f} ms, docker build + run -d ${df} ms, ratio $(ratio "$f" "$df")"
echo "  one-line change:   jokku ${p} ms, docker build + run -d ${dp} ms, ratio $(ratio "$p" "$dp")"
echo "  of the change push: ssh $(share "$p" "$l" "$p")% (push over ssh ${p} ms vs to the path ${l} ms), git and the hook $(share "$l" "$a" "$p")% (path push ${l} ms vs git archive | git:from-archive ${a} ms)"
