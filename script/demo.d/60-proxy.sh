# Two apps on a private network behind jokku's nginx: `api` (busybox httpd) joins the network after deploy, with the
# alias api.web; `client` reaches it by that alias from a one-off container; `api` is served through nginx by its
# domain on a loopback port. Runs in its own DOKKU_ROOT/DOKKU_LIB_ROOT, restored afterwards.

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
api_tar=$(demo_archive api "web: sh -c 'mkdir -p /www && echo \"hello from api (container \$(hostname))\" > /www/index.html && exec httpd -f -p \$PORT -h /www'")
client_tar=$(demo_archive client "worker: sh -c 'while true; do sleep 3600; done'")

demo_port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$demo_port") 2>/dev/null; do demo_port=$((20000 + RANDOM % 20000)); done
demo_net=jokku-demo-private-$$

step "Proxy: apps api and client on the private network $demo_net; api served by nginx as api.demo.test"
on_exit "${demo_env[@]}" bin/jokku proxy:stop
on_exit bin/jokku --force network:destroy "$demo_net"
on_exit "${demo_env[@]}" bin/jokku --force apps:destroy client
on_exit "${demo_env[@]}" bin/jokku --force apps:destroy api
jokku network:create "$demo_net"
jokku apps:create api
jokku apps:create client
jokku network:set api attach-post-deploy "$demo_net"
jokku network:set client attach-post-create "$demo_net"
jokku domains:set-global demo.test
jokku proxy:set --global listen "127.0.0.1:$demo_port"
jokku checks:set api default-wait 0
jokku checks:set client default-wait 0
jokku ps:scale --skip-deploy client web=0 worker=1
jokku ports:report api
jokku git:from-archive api "$api_tar"
jokku git:from-archive client "$client_tar"

step "client reaches api by its network alias api.web"
jokku run client wget -qO- http://api.web:5000/

step "api through nginx, by its domain"
jokku urls api
printf '\n$ curl -H "Host: api.demo.test" http://127.0.0.1:%s/\n' "$demo_port"
exec 3<>"/dev/tcp/127.0.0.1/$demo_port"
printf 'GET / HTTP/1.1\r\nHost: api.demo.test\r\nConnection: close\r\n\r\n' >&3
sed -n '/^\r$/,$p' <&3 | tail -n +2
exec 3<&-
jokku proxy:report api
jokku network:report api

unset DOKKU_ROOT DOKKU_LIB_ROOT
eval "$demo_saved_env"
