# Sourced by the benchmark scripts: timing helpers, and bench_workspace for the scripts that deploy.

# Nanoseconds since the epoch.
now() { date +%s%N; }

# The median of nanosecond figures on stdin, in whole milliseconds.
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m/1e6}'; }

# A temporary DOKKU_ROOT and DOKKU_LIB_ROOT, a build-context folder CTX, everything jokku creates labelled
# com.jokku.bench=$RUN; on exit jokku's nginx is stopped, what carries the label is removed with the image $1 (the
# script's own) and the folders. Set RUN first.
bench_workspace() {
  BENCH_IMAGE=$1
  export DOKKU_ROOT=$(mktemp -d) DOKKU_LIB_ROOT=$(mktemp -d) JOKKU_LABELS="com.jokku.bench=$RUN"
  # 0755 like /home/dokku and /var/lib/dokku: nginx's unprivileged workers read error pages and temp files there
  chmod 755 "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
  CTX=$(mktemp -d)
  trap bench_cleanup EXIT
}

bench_cleanup() {
  bin/jokku proxy:stop >/dev/null 2>&1 || true
  docker rm -f $(docker ps -aq --filter label=com.jokku.bench=$RUN) >/dev/null 2>&1 || true
  docker rmi -f $(docker images -q --filter label=com.jokku.bench=$RUN) "$BENCH_IMAGE" >/dev/null 2>&1 || true
  rm -rf "$DOKKU_ROOT" "$DOKKU_LIB_ROOT" "$CTX"
}
