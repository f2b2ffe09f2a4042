#!/usr/bin/env bash
# Issue 14 on the booted appliance: every setting judged where systemd really takes it from,
# and judged by what a real client outside sees. The box's configuration names no platform:
# os-release says Debian, the units say EL. Each case counts, from PID 1's journal, the
# restarts it caused.
#  1. no platform configured: /etc/sysconfig/memcached (what the unit reads) is hardened,
#     /etc/memcached.conf (Debian's name) is left alone; a second pass changes nothing;
#  2. -l 0.0.0.0 in a drop-in's ExecStart=: exit 4 naming the drop-in and line, nothing
#     edited, nothing restarted, twice; once the drop-in goes, one restart closes the port;
#  3. OPTIONS from a drop-in's Environment=, 4. from a later EnvironmentFile=: the same;
#  5. MYSQLD_OPTS=--skip-networking=0 in a mariadb.service drop-in: exit 4, the drop-in named,
#     MariaDB not restarted;
#  6. mariadb.socket enabled but stopped: masked; after a reboot nothing listens on 3306;
#  7. an administrator's own socket unit on 3306, running: stopped and given a drop-in that
#     keeps only its local listens, the file left as it was; after a reboot 3306 is closed;
#  8. a fix that kills the service (memcached told to listen on ::1 where loopback has no
#     IPv6): the restart fails, the file is put back, memcached answers again, exit 4.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=boot.sh
source "$here/boot.sh"
# shellcheck source-path=SCRIPTDIR source=clients.sh
source "$here/clients.sh"
# shellcheck source-path=SCRIPTDIR source=suite-lib.sh
source "$here/suite-lib.sh"
trap 'appliance_teardown >/dev/null 2>&1 || true' EXIT
[ "$(id -u)" -eq 0 ] || die "sources-suite.sh must run as root"

agent_dir=$("$here/publish-agent.sh")
phase "publish the agent"

inside() { appliance_exec "$@"; }
sha() { inside sha256sum "$1" | cut -d' ' -f1; }
at_least() { [ "$1" -ge "$2" ] || { echo "expected at least $2, got $1"; return 1; }; }
memcached_answers_inside() { expect_in "$(inside sh -c "printf 'version\r\nquit\r\n' | socat -t 2 - TCP:127.0.0.1:11211")" "VERSION"; }
mariadb_answers_on_socket() { expect_eq "$(inside mariadb -N -e 'select 40+2')" 42; }
# restart_listening UNIT PORT: restarts UNIT and waits (up to 5 s) until something listens on
# TCP PORT; memcached is Type=simple, so systemctl returns before it has bound.
restart_listening() {
  inside systemctl restart "$1"
  for _ in $(seq 50); do
    [ -n "$(inside ss -Hltn "sport = :$2")" ] && return 0
    sleep 0.1
  done
  say "nothing listens on TCP $2 five seconds after restarting $1"
}
# drop_in UNIT NAME TEXT: writes an administrator's drop-in and tells systemd.
drop_in() {
  inside mkdir -p "/etc/systemd/system/$1.d"
  printf '%s\n' "$3" | inside tee "/etc/systemd/system/$1.d/$2" >/dev/null
  inside systemctl daemon-reload
}
# restarts_during UNIT CMD...: runs CMD, prints its output, then "restarts=N" for UNIT.
restarts_during() {
  local unit=$1 before out
  shift
  before=$(restart_jobs "$unit")
  out=$("$@")
  printf '%s\nrestarts=%s\n' "$out" "$(since "$(restart_jobs "$unit")" "$before")"
}

appliance_boot "$agent_dir"
# The other suites' configuration says "platform": "redhat"; this one names none, so the agent
# must find out from the units themselves that this Debian box runs memcached the EL way.
printf '{ "rules": { "firewall": { "mode": "off" } } }\n' | inside tee /etc/cloudshark-hardening/hardening.json >/dev/null
check "setup: os-release says Debian" expect_in "$(inside cat /etc/os-release)" "ID=debian"
phase "boot"

# 1 ─────────────────────────────────────────────────────────────────────────────────
debian_conf=$(sha /etc/memcached.conf)
check "[1] before: memcached answers UDP from outside" at_least "$(memcached_udp_reply_bytes "$APPLIANCE_ADDR4")" 1000
out=$(restarts_during memcached.service once)
check "[1] --once exits 2" expect_in "$out" "exit=2"
check "[1] memcached restarted once" expect_in "$out" "restarts=1"
check "[1] /etc/sysconfig/memcached now says -l 127.0.0.1 and -U 0" expect_in "$(inside grep '^OPTIONS=' /etc/sysconfig/memcached)" '-l 127.0.0.1'
check "[1] /etc/memcached.conf, which this unit does not read, is untouched" expect_eq "$(sha /etc/memcached.conf)" "$debian_conf"
check "[1] TCP 11211 closed from outside" tcp_closed "$APPLIANCE_ADDR4" 11211
check "[1] memcached's UDP gets no answer" expect_eq "$(memcached_udp_reply_bytes "$APPLIANCE_ADDR4")" 0
check "[1] memcached answers on loopback" memcached_answers_inside
out=$(restarts_during memcached.service once)
check "[1] a second --once exits 0" expect_in "$out" "exit=0"
check "[1] ... and restarts nothing" expect_in "$out" "restarts=0"
phase "[1] no platform configured"

# 2 ─────────────────────────────────────────────────────────────────────────────────
drop_in memcached.service zz-listen.conf '[Service]
ExecStart=
ExecStart=/usr/bin/memcached -l 0.0.0.0 -U 11211 -p ${PORT} -u ${USER} -m ${CACHESIZE} -c ${MAXCONN}'
restart_listening memcached.service 11211
check "[2] setup: memcached answers TCP from outside" memcached_tcp_answers "$APPLIANCE_ADDR4"
sysconfig=$(sha /etc/sysconfig/memcached)
out=$(restarts_during memcached.service once)
check "[2] --once exits 4" expect_in "$out" "exit=4"
check "[2] the report names the drop-in, its line and what to change" expect_in "$out" "'-l 0.0.0.0' (ExecStart= at /etc/systemd/system/memcached.service.d/zz-listen.conf:3)"
check "[2] nothing restarted" expect_in "$out" "restarts=0"
check "[2] /etc/sysconfig/memcached untouched" expect_eq "$(sha /etc/sysconfig/memcached)" "$sysconfig"
out=$(restarts_during memcached.service once)
check "[2] a second pass: exit 4 again, nothing restarted" expect_in "$out" "exit=4"$'\n'"restarts=0"
inside rm /etc/systemd/system/memcached.service.d/zz-listen.conf
inside systemctl daemon-reload
out=$(restarts_during memcached.service once)
check "[2] the drop-in gone: exit 2 with one restart" expect_in "$out" "exit=2"$'\n'"restarts=1"
check "[2] ... and TCP 11211 is closed from outside" tcp_closed "$APPLIANCE_ADDR4" 11211
phase "[2] -l 0.0.0.0 in a drop-in's ExecStart="

# 3 ─────────────────────────────────────────────────────────────────────────────────
inside sed -i 's/^OPTIONS=/#&/' /etc/sysconfig/memcached
drop_in memcached.service zz-env.conf '[Service]
Environment="OPTIONS=-l 0.0.0.0 -U 11211"'
restart_listening memcached.service 11211
check "[3] setup: memcached answers UDP from outside" at_least "$(memcached_udp_reply_bytes "$APPLIANCE_ADDR4")" 1000
out=$(restarts_during memcached.service once)
check "[3] --once exits 4" expect_in "$out" "exit=4"
check "[3] the report names the Environment= line" expect_in "$out" "(Environment= at /etc/systemd/system/memcached.service.d/zz-env.conf:2)"
check "[3] nothing restarted" expect_in "$out" "restarts=0"
check "[3] a second pass restarts nothing either" expect_in "$(restarts_during memcached.service once)" "restarts=0"
inside rm /etc/systemd/system/memcached.service.d/zz-env.conf
inside sed -i 's/^#OPTIONS=/OPTIONS=/' /etc/sysconfig/memcached
inside systemctl daemon-reload
phase "[3] OPTIONS in a drop-in's Environment="

# 4 ─────────────────────────────────────────────────────────────────────────────────
printf 'OPTIONS="-l 0.0.0.0 -U 11211"\n' | inside tee /etc/memcached.local >/dev/null
drop_in memcached.service zz-local.conf '[Service]
EnvironmentFile=-/etc/memcached.local'
restart_listening memcached.service 11211
check "[4] setup: memcached answers TCP from outside" memcached_tcp_answers "$APPLIANCE_ADDR4"
out=$(restarts_during memcached.service once)
check "[4] --once exits 4 naming /etc/memcached.local:1" expect_in "$out" "'-l 0.0.0.0' (/etc/memcached.local:1)"
check "[4] nothing restarted" expect_in "$out" "restarts=0"
inside rm /etc/systemd/system/memcached.service.d/zz-local.conf /etc/memcached.local
inside systemctl daemon-reload
check "[4] the extra file gone: exit 2 and TCP 11211 closed" expect_in "$(once)" "exit=2"
check "[4] ... closed from outside" tcp_closed "$APPLIANCE_ADDR4" 11211
phase "[4] OPTIONS from a later EnvironmentFile="

# 5 ─────────────────────────────────────────────────────────────────────────────────
drop_in mariadb.service zz-opts.conf '[Service]
Environment="MYSQLD_OPTS=--skip-networking=0 --bind-address=0.0.0.0"'
restart_listening mariadb.service 3306
check "[5] setup: MariaDB greets a client outside on 3306" mariadb_answers "$APPLIANCE_ADDR4"
my_cnf=$(sha /etc/my.cnf)
out=$(restarts_during mariadb.service once)
check "[5] --once exits 4" expect_in "$out" "exit=4"
check "[5] the report names the drop-in's Environment= line" expect_in "$out" "'--skip-networking=0' (Environment= at /etc/systemd/system/mariadb.service.d/zz-opts.conf:2)"
check "[5] MariaDB not restarted" expect_in "$out" "restarts=0"
check "[5] /etc/my.cnf untouched" expect_eq "$(sha /etc/my.cnf)" "$my_cnf"
check "[5] a second pass restarts nothing either" expect_in "$(restarts_during mariadb.service once)" "restarts=0"
inside rm /etc/systemd/system/mariadb.service.d/zz-opts.conf
inside systemctl daemon-reload
out=$(restarts_during mariadb.service once)
check "[5] the drop-in gone: exit 2 with one restart of MariaDB" expect_in "$out" "exit=2"$'\n'"restarts=1"
check "[5] ... and 3306 closed from outside" tcp_closed "$APPLIANCE_ADDR4" 3306
phase "[5] MYSQLD_OPTS in a mariadb.service drop-in"

# 6 ─────────────────────────────────────────────────────────────────────────────────
inside systemctl enable mariadb.socket 2>/dev/null
check "[6] setup: mariadb.socket enabled, not running" expect_eq "$(inside systemctl is-enabled mariadb.socket) $(inside systemctl is-active mariadb.socket || true)" "enabled inactive"
out=$(restarts_during mariadb.service once)
check "[6] --once exits 2" expect_in "$out" "exit=2"
check "[6] the report says it would listen at boot" expect_in "$out" "mariadb.socket is not running, but it starts at boot"
check "[6] mariadb.socket is masked" expect_eq "$(inside systemctl is-enabled mariadb.socket || true)" "masked"
check "[6] MariaDB not restarted" expect_in "$out" "restarts=0"
appliance_reboot
check "[6] after a reboot: TCP 3306 closed from outside" tcp_closed "$APPLIANCE_ADDR4" 3306
check "[6] ... and MariaDB answers on its local socket" mariadb_answers_on_socket
inside systemctl unmask mariadb.socket
inside systemctl disable mariadb.socket 2>/dev/null
phase "[6] mariadb.socket enabled but stopped"

# 7 ─────────────────────────────────────────────────────────────────────────────────
printf '%s\n' '[Unit]' 'Description=An administrator'"'"'s database proxy' '[Socket]' 'ListenStream=3306' 'ListenStream=/run/db-proxy.sock' 'Accept=yes' '[Install]' 'WantedBy=sockets.target' \
  | inside tee /etc/systemd/system/db-proxy.socket >/dev/null
printf '%s\n' '[Service]' 'ExecStart=/usr/bin/socat STDIO UNIX-CONNECT:/run/mysqld/mysqld.sock' 'StandardInput=socket' \
  | inside tee /etc/systemd/system/db-proxy@.service >/dev/null
inside systemctl enable --now db-proxy.socket 2>/dev/null
check "[7] setup: MariaDB greets a client outside through the administrator's socket unit" mariadb_answers "$APPLIANCE_ADDR4"
proxy_unit=$(sha /etc/systemd/system/db-proxy.socket)
out=$(restarts_during mariadb.service once)
check "[7] --once exits 2" expect_in "$out" "exit=2"
check "[7] the report names systemd listening for db-proxy.socket" expect_in "$out" "for db-proxy.socket"
check "[7] MariaDB not restarted (the socket unit does not start it)" expect_in "$out" "restarts=0"
check "[7] TCP 3306 closed from outside" tcp_closed "$APPLIANCE_ADDR4" 3306
check "[7] the administrator's unit file is as it was" expect_eq "$(sha /etc/systemd/system/db-proxy.socket)" "$proxy_unit"
check "[7] the drop-in keeps only the local socket" expect_in "$(inside systemctl cat db-proxy.socket)" "ListenStream=/run/db-proxy.sock"
check "[7] a second --once exits 0" expect_in "$(once)" "exit=0"
appliance_reboot
check "[7] after a reboot: TCP 3306 closed from outside" tcp_closed "$APPLIANCE_ADDR4" 3306
check "[7] ... and MariaDB answers on its local socket" mariadb_answers_on_socket
phase "[7] an administrator's own socket unit on 3306"

# 8 ─────────────────────────────────────────────────────────────────────────────────
# A configuration asking for ::1 on a box whose loopback has IPv6 turned off: memcached
# starts, cannot bind, and exits; systemd's Restart=always tries again until its start limit.
printf '{ "rules": { "firewall": { "mode": "off" }, "memcached": { "listen": ["::1"] } } }\n' \
  | inside tee /etc/cloudshark-hardening/ipv6-listen.json >/dev/null
inside sed -i 's/^OPTIONS=.*/OPTIONS="-U 11211 -t 4"/' /etc/sysconfig/memcached
restart_listening memcached.service 11211
inside sysctl -qw net.ipv6.conf.lo.disable_ipv6=1
sysconfig=$(sha /etc/sysconfig/memcached)
out=$(restarts_during memcached.service once --config /etc/cloudshark-hardening/ipv6-listen.json --rule memcached)
restarts=$(sed -n 's/^restarts=//p' <<<"$out")
say "[8] restart jobs of memcached.service during the failed fix: $restarts"
check "[8] --once exits 4" expect_in "$out" "exit=4"
check "[8] the report quotes memcached's own words from the journal" expect_in "$out" "failed to listen"
check "[8] the file is put back byte for byte" expect_eq "$(sha /etc/sysconfig/memcached)" "$sysconfig"
check "[8] memcached runs again, on its old arguments" memcached_answers_inside
check "[8] the agent's restarts: its own and the one after the rollback (systemd's own retries aside: $restarts jobs)" at_least "$restarts" 2
inside sysctl -qw net.ipv6.conf.lo.disable_ipv6=0
phase "[8] a fix that kills the service"

appliance_teardown >/dev/null
trap - EXIT
phase "tear down"
finish_suite sources
