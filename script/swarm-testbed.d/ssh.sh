# The nodes' sshd and the optional TLS engine endpoint (sourced by script/swarm-testbed).
#
# Every node runs Debian's sshd in its netns on NET.(10+i):22 (its own host key, root by key only, no PAM), with
# DOCKER_HOST set to the node's engine for the session (SetEnv), so `ssh root@NODE docker system dial-stdio` reaches
# that node's engine: jokku's ssh:// URLs work against the nodes as against real servers. The client side is the
# bed's own: a key pair, a known_hosts with every node's host key and an ssh config naming both, all in DIR/ssh;
# nothing is written to ~/.ssh (use it with ssh -F DIR/ssh/config, or JOKKU_SSH_OPTS="-F DIR/ssh/config").

tb_ssh_keys() {
  local i
  mkdir -p "$DIR/ssh" && chmod 700 "$DIR/ssh" || return 1
  ssh-keygen -q -t ed25519 -N '' -C "jokku-testbed-$NAME" -f "$DIR/ssh/id_ed25519" || return 1
  cp "$DIR/ssh/id_ed25519.pub" "$DIR/ssh/authorized_keys"
  : >"$DIR/ssh/known_hosts"
  for i in $(seq 1 "$NODES"); do
    mkdir -p "$DIR/n$i"
    ssh-keygen -q -t ed25519 -N '' -C "$(ns "$i")" -f "$DIR/n$i/ssh_host_ed25519_key" || return 1
    echo "$(ip_of "$i") $(cut -d' ' -f1,2 "$DIR/n$i/ssh_host_ed25519_key.pub")" >>"$DIR/ssh/known_hosts"
  done
  cat >"$DIR/ssh/config" <<EOC
# ssh to the test bed's nodes: ssh -F $DIR/ssh/config root@$(ip_of 1)
Host *
  User root
  IdentityFile $DIR/ssh/id_ed25519
  IdentitiesOnly yes
  IdentityAgent none
  UserKnownHostsFile $DIR/ssh/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  ControlMaster no
  ControlPath none
EOC
}

tb_sshd_start() {
  local i=$1 d
  d=$DIR/n$i
  cat >"$d/sshd_config" <<EOC
ListenAddress $(ip_of "$i"):22
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $DIR/ssh/authorized_keys
AllowUsers root
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
X11Forwarding no
PrintMotd no
PrintLastLog no
UseDNS no
MaxStartups 64:30:128
MaxSessions 64
SetEnv DOCKER_HOST=$(sock "$i")
EOC
  [ -d /run/sshd ] || { mkdir -p /run/sshd && echo RUN_SSHD_MADE=1 >>"$DIR/testbed.conf"; }
  setsid nsenter --net="/run/netns/$(ns "$i")" -- /usr/sbin/sshd -D -f "$d/sshd_config" -E "$d/sshd.log" \
    </dev/null >>"$d/sshd.log" 2>&1 9<&- &
  disown
}

tb_sshd_wait() {
  local i=$1 t=0
  until in_ns "$(ns "$i")" bash -c "exec 3<>/dev/tcp/$(ip_of "$i")/22" 2>/dev/null; do
    t=$((t + 1))
    [ "$t" -gt $((TIMEOUT * 10)) ] && { warn "node$i's sshd did not listen within $TIMEOUT s:"; tail -n 15 "$DIR/n$i/sshd.log" >&2; return 1; }
    sleep 0.1
  done
}

# A CA, the engine's certificate (EC key, the node's address as its IP SAN) and a client certificate (a PKCS#1 RSA
# key, as OpenSSL 1 wrote them) made by openssl for this bed only; the client's files are DIR/tls/client
# (DOCKER_CERT_PATH: ca.pem, cert.pem, key.pem).
tb_tls_certs() {
  local i=$1 t=$DIR/tls
  mkdir -p "$t/client" && chmod 700 "$t" || return 1
  {
    openssl ecparam -name prime256v1 -genkey -noout -out "$t/ca-key.pem" &&
      openssl req -x509 -new -key "$t/ca-key.pem" -days 2 -subj "/CN=jokku-testbed-$NAME CA" -out "$t/ca.pem" &&
      openssl ecparam -name prime256v1 -genkey -noout -out "$t/server-key.pem" &&
      openssl req -new -key "$t/server-key.pem" -subj "/CN=$(ns "$i")" -out "$t/server.csr" &&
      printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\n' "$(ip_of "$i")" >"$t/server.ext" &&
      openssl x509 -req -in "$t/server.csr" -CA "$t/ca.pem" -CAkey "$t/ca-key.pem" -CAcreateserial -days 2 \
        -extfile "$t/server.ext" -out "$t/server-cert.pem" &&
      openssl genrsa -traditional -out "$t/client/key.pem" 2048 &&
      openssl req -new -key "$t/client/key.pem" -subj "/CN=jokku-testbed-client" -out "$t/client.csr" &&
      printf 'extendedKeyUsage=clientAuth\n' >"$t/client.ext" &&
      openssl x509 -req -in "$t/client.csr" -CA "$t/ca.pem" -CAkey "$t/ca-key.pem" -CAcreateserial -days 2 \
        -extfile "$t/client.ext" -out "$t/client/cert.pem" &&
      cp "$t/ca.pem" "$t/client/ca.pem"
  } >"$t/openssl.log" 2>&1 || { warn "openssl failed:"; tail -n 5 "$t/openssl.log" >&2; return 1; }
}

# dockerd's extra flags for node i: the TLS endpoint on the TLS node.
tls_flags() {
  [ "${TLS_NODE:-0}" = "$1" ] || return 0
  echo "--tlsverify --tlscacert $DIR/tls/ca.pem --tlscert $DIR/tls/server-cert.pem --tlskey $DIR/tls/server-key.pem -H tcp://$(ip_of "$1"):2376"
}
