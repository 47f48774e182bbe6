# Networks: create one with a subnet, list, inspect (text and JSON), check it exists, destroy it.

# Prints a 10.X.Y prefix whose /24 overlaps no IPv4 subnet of the engine's networks (read through jokku itself).
free_subnet24() {
  local n
  # a network removed between the list and its info (other work on the engine) is skipped
  for n in $(bin/jokku --quiet network:list); do bin/jokku network:info "$n" --format json 2>/dev/null || true; done |
    grep -o '"Subnet":"[0-9.]*/[0-9]*"' | cut -d'"' -f4 |
    awk -v seed="$$" '
      function ip(s,  p) { split(s, p, "."); return ((p[1] * 256 + p[2]) * 256 + p[3]) * 256 + p[4] }
      { split($0, c, "/"); lo[NR] = ip(c[1]); hi[NR] = lo[NR] + 2 ^ (32 - c[2]) - 1 }
      END {
        srand(seed)
        for (try = 0; try < 1000; try++) {
          x = 100 + int(rand() * 150); y = int(rand() * 256); a = ip("10." x "." y ".0"); b = a + 255; ok = 1
          for (i in lo) if (a <= hi[i] && lo[i] <= b) ok = 0
          if (ok) { print "10." x "." y; exit }
        }
        exit 1
      }'
}

net=jokku-demo-$$
prefix=$(free_subnet24)
step "Networks: create, list, inspect, check and destroy $net ($prefix.0/24)"
on_exit bin/jokku --force network:destroy "$net"
jokku network:create "$net" --subnet "$prefix.0/24" --gateway "$prefix.1"
jokku network:list
jokku network:info "$net"
jokku network:info "$net" --format json
jokku network:exists "$net"
jokku network:destroy "$net" --force
jokku_fails network:exists "$net"
