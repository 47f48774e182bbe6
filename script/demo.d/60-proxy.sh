# Two apps on a private network behind jokku's nginx: `api-<pid>` (busybox httpd) joins the network after deploy,
# with the alias api-<pid>.web; `client-<pid>` reaches it by that alias from a one-off container; the api is served
# through nginx as api.demo.test on a free loopback port (never port 80). The app names are unique per run because
# an app's image (dokku/<app>:latest) and its containers' label (com.dokku.app-name=<app>) are engine-wide: fixed
# names would clobber a real app of that name on a Dokku host. Runs in its own DOKKU_ROOT/DOKKU_LIB_ROOT, restored
# afterwards; apps:destroy at the end removes the apps' containers and images (those carrying the demo's labels).
# It ends with network:check (all in line) and network:graph, which draws both apps, their private network, the
# aliases and nginx to $JOKKU_DEMO_GRAPH (default /tmp/jokku-demo-network.svg) and the same as .png beside it
# (docs/demo-network.svg and .png are one such run).

demo_saved_env=$(declare -p DOKKU_ROOT DOKKU_LIB_ROOT 2>/dev/null || true)
demo_state=$(mktemp -d /tmp/jokku-demo-proxy.XXXXXX)
chmod 755 "$demo_state" # nginx's workers (www-data) read the error pages under it
export DOKKU_ROOT="$demo_state/home" DOKKU_LIB_ROOT="$demo_state/lib"
mkdir -p "$DOKKU_ROOT" "$DOKKU_LIB_ROOT"
demo_env=(env DOKKU_ROOT="$DOKKU_ROOT" DOKKU_LIB_ROOT="$DOKKU_LIB_ROOT")
on_exit rm -rf "$demo_state"

# A Dockerfile project per app (FROM scratch + Debian's static busybox), packed as the archive git:from-archive takes.
demo_archive() { # name procfile-line
  local dir="$demo_state/src/$1"
  mkdir -p "$dir"
  cp /bin/busybox "$dir/busybox"
  printf '%s\n' "$2" >"$dir/Procfile"
  cat >"$dir/Dockerfile" <<'EOF'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV PATH=/bin
WORKDIR /app
COPY Procfile /app/Procfile
EOF
  tar -C "$dir" -cf "$demo_state/$1.tar" .
  echo "$demo_state/$1.tar"
}
demo_api=api-$$
demo_client=client-$$
api_tar=$(demo_archive "$demo_api" "web: sh -c 'mkdir -p /www && echo \"hello from api (container \$(hostname))\" > /www/index.html && exec httpd -f -p \$PORT -h /www'")
client_tar=$(demo_archive "$demo_client" "worker: sh -c 'while true; do sleep 3600; done'")

demo_port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$demo_port") 2>/dev/null; do demo_port=$((20000 + RANDOM % 20000)); done
demo_net=jokku-demo-private-$$

step "Proxy: apps $demo_api and $demo_client on the private network $demo_net; $demo_api served by nginx as api.demo.test"
on_exit "${demo_env[@]}" bin/jokku proxy:stop
on_exit bin/jokku --force network:destroy "$demo_net"
on_exit "${demo_env[@]}" bin/jokku --force apps:destroy "$demo_client"
on_exit "${demo_env[@]}" bin/jokku --force apps:destroy "$demo_api"
jokku proxy:set --global listen "127.0.0.1:$demo_port"
jokku network:create "$demo_net"
jokku apps:create "$demo_api"
jokku apps:create "$demo_client"
jokku network:set "$demo_api" attach-post-deploy "$demo_net"
jokku network:set "$demo_client" attach-post-create "$demo_net"
jokku domains:set-global demo.test
jokku domains:set "$demo_api" api.demo.test
jokku checks:set "$demo_api" default-wait 0
jokku checks:set "$demo_client" default-wait 0
jokku ps:scale --skip-deploy "$demo_client" web=0 worker=1
jokku ports:report "$demo_api"
jokku git:from-archive "$demo_api" "$api_tar"
jokku git:from-archive "$demo_client" "$client_tar"

step "$demo_client reaches $demo_api by its network alias $demo_api.web"
jokku run "$demo_client" wget -qO- "http://$demo_api.web:5000/"

step "$demo_api through nginx, by its domain api.demo.test"
jokku urls "$demo_api"
printf '\n$ curl -H "Host: api.demo.test" http://127.0.0.1:%s/\n' "$demo_port"
exec 3<>"/dev/tcp/127.0.0.1/$demo_port"
printf 'GET / HTTP/1.1\r\nHost: api.demo.test\r\nConnection: close\r\n\r\n' >&3
sed -n '/^\r$/,$p' <&3 | tail -n +2
exec 3<&-
jokku proxy:report "$demo_api"
jokku network:report "$demo_api"

step "What the network looks like: $demo_api and $demo_client checked, then drawn (Graphviz)"
demo_graph=${JOKKU_DEMO_GRAPH:-/tmp/jokku-demo-network.svg}
jokku network:check --all
jokku network:graph "$demo_api" "$demo_client" --format mermaid
jokku network:graph "$demo_api" "$demo_client" --output "$demo_graph"
jokku network:graph "$demo_api" "$demo_client" --format png --output "${demo_graph%.svg}.png"

unset DOKKU_ROOT DOKKU_LIB_ROOT
eval "$demo_saved_env"
