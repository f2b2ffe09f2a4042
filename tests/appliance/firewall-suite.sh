#!/usr/bin/env bash
# The firewall rule on the booted appliance (issue 5), judged by real clients in the client
# namespace over IPv4 and IPv6. One box, rebooted once from its own disk:
#  1. ranges that allow the client: 80/443 answer; 11211 and 3306 do not, although memcached
#     and MariaDB still listen on every interface (only the firewall rule runs); loopback
#     inside still reaches all four; an SSH-like listener on 22 answers throughout;
#  2. someone else's rule inserted above the jump: the pass moves the jump back on top (the
#     others keep their order below it), and a further pass loads and writes nothing;
#  3. --check --diff with ranges that exclude the client shows the planned chain as a diff
#     and changes nothing;
#  4. ranges that exclude the client: 80/443 closed from outside over both families, 22
#     still open, loopback still served, the foreign rules unchanged and in place;
# 4a. an ACCEPT for 80 inserted above the jump (issue 14): the client outside sourceRanges
#     gets in until the pass, which exits 2 naming the rule (its comment escaped); then 80
#     is closed, the jump is INPUT's first rule again, and nothing was restarted;
#  5. memcached deliberately rebound to all interfaces with UDP on: still unreachable;
#  6. a reboot: netfilter-persistent restores the chain from /etc/iptables/rules.v4 and
#     .v6, the protections hold before the agent runs, and a pass then changes nothing;
# 6a. the daemon, as its unit runs it, on the nf_tables backend (issue 14): the jump deleted
#     (or an ACCEPT put above it) is back on top within 2 s, each time measured and printed,
#     with at most two passes per tampering and no memcached or MariaDB restart;
#  7. the legacy backend: the report names it and the chain protects as well;
# 7a. the daemon on the legacy backend, which announces nothing: it polls, and a deleted
#     jump is back within the 10 s poll and a pass;
#  8. INPUT's policy DROP and, above the jump, the administrator's SSH ACCEPT whose comment
#     names the chain's jump, saved with iptables-save: the comment makes it no jump of the
#     agent's, so the pass moves the jump above it; the rule stays, unchanged, in the kernel
#     and the saved file, and SSH keeps answering (issues 13 and 14).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=boot.sh
source "$here/boot.sh"
# shellcheck source-path=SCRIPTDIR source=clients.sh
source "$here/clients.sh"
# shellcheck source-path=SCRIPTDIR source=suite-lib.sh
source "$here/suite-lib.sh"
trap 'appliance_teardown >/dev/null 2>&1 || true' EXIT
[ "$(id -u)" -eq 0 ] || die "firewall-suite.sh must run as root"

agent_dir=$("$here/publish-agent.sh")
phase "publish the agent"
appliance_boot "$agent_dir"
phase "boot the appliance"

inside() { appliance_exec "$@"; }
chain=CLOUDSHARK-HARDENING
allowing='"10.213.0.0/24", "fd00:c5:213::/64"'
excluding='"192.0.2.0/24", "2001:db8::/32"'

# The fixture keeps the firewall rule off for the other suites; here it is on, saving
# where the installed loader (iptables-persistent) restores from.
configure() { # configure RANGES
  inside sh -c "cat >/etc/cloudshark-hardening/hardening.json" <<EOF
{
  "platform": "redhat",
  "rules": {
    "firewall": {
      "sourceRanges": [$1],
      "savedRulesV4": "/etc/iptables/rules.v4",
      "savedRulesV6": "/etc/iptables/rules.v6"
    }
  }
}
EOF
}

# An SSH-like listener the test starts: the rule must never stand between it and a client.
start_ssh_like() {
  inside systemd-run --quiet --unit=ssh-like --property=Restart=always \
    socat "TCP6-LISTEN:22,ipv6only=0,reuseaddr,fork" "SYSTEM:echo SSH-2.0-test-bed"
  local tenths=50
  until inside ss -Hltn 'sport = :22' | grep -q .; do
    [ "$tenths" -gt 0 ] || die "the SSH-like listener did not start"
    tenths=$((tenths - 1))
    sleep 0.1
  done
}
# listening FLAGS ADDRESS: within 5 s, `ss -Hl<FLAGS>` shows ADDRESS (a restart returns
# before the service has bound its sockets).
listening() {
  local tenths=50
  until inside ss "-Hl$1" | grep -qF -- " $2 "; do
    [ "$tenths" -gt 0 ] || { inside ss "-Hl$1"; return 1; }
    tenths=$((tenths - 1))
    sleep 0.1
  done
}
ssh_answers() { expect_in "$(talk "TCP:$1:22,connect-timeout=5" </dev/null)" "SSH-2.0-test-bed"; }
answers_inside() { # answers_inside ADDRESS PORT EXPECTED [REQUEST]
  expect_in "$(inside sh -c "printf '${4:-}' | socat -t 2 - TCP:$1:$2" | tr -d '\0')" "$3"
}
loopback_serves_everything() {
  answers_inside 127.0.0.1 80 "HTTP/1.0 200 OK" \
    && answers_inside '[::1]' 443 "HTTP/1.0 200 OK" \
    && answers_inside 127.0.0.1 11211 "VERSION" 'version\r\nquit\r\n' \
    && answers_inside 127.0.0.1 3306 "MariaDB"
}
both_families() { # both_families CHECK PORT: CHECK holds over IPv4 and IPv6
  "$1" "$APPLIANCE_ADDR4" "${2:-}" && "$1" "[$APPLIANCE_ADDR6]" "${2:-}"
}
web_answers_both() { web_answers "$APPLIANCE_ADDR4" "$1" && web_answers "[$APPLIANCE_ADDR6]" "$1"; }
# The kernel's filter tables without comments and counters, which traffic changes.
kernel_rules() {
  { inside iptables-save -t filter; inside ip6tables-save -t filter; } | grep -v '^#' | sed -E 's/ \[[0-9]+:[0-9]+\]$//'
}
# INPUT's rules other than the jump, in order, with the jump's place marked.
input_rules() { inside "$1" -S INPUT | sed "s/^-A INPUT -j $chain\$/(jump)/"; }
# INPUT's first rule, "(jump)" when it is the agent's.
first_input_rule() { input_rules "$1" | sed -n 2p; }
# memcached's and MariaDB's restarts so far, from PID 1's journal.
restart_counts() { echo "memcached $(restart_jobs memcached.service), mariadb $(restart_jobs mariadb.service)"; }
# The daemon as its packaged unit runs it (as daemon-suite.sh installs it), started and
# stopped by the cases that need it; its passes take the lock --once also takes.
unit=cloudshark-hardening.service
install_daemon() {
  inside mkdir -p /etc/systemd/system/$unit.d
  cp "$repo/systemd/$unit" "$APPLIANCE_ROOTFS/etc/systemd/system/$unit"
  printf '[Service]\nExecStart=\nExecStart=%s\nWatchdogSec=10s\n' "$agent" >"$APPLIANCE_ROOTFS/etc/systemd/system/$unit.d/test-bed.conf"
  inside systemctl daemon-reload
}
daemon_log() { inside journalctl -u $unit -o cat --no-pager; }
firewall_passes() { daemon_log | grep -c 'Pass triggered by firewall' || true; }
# back_on_top_ms TOOL ACTION...: does ACTION with TOOL inside the box, then reads INPUT every
# 50 ms until the agent's jump is its first rule again; prints the milliseconds (99999: not
# within 30 s). Timed inside the box, so entering it costs nothing.
back_on_top_ms() {
  inside sh -c '
    tool=$1 jump="-A INPUT -j $2"
    shift 2
    start=$(date +%s%N)
    "$tool" "$@"
    while [ "$("$tool" -S INPUT | sed -n 2p)" != "$jump" ]; do
      [ $((($(date +%s%N) - start) / 1000000)) -lt 30000 ] || { echo 99999; exit 0; }
      sleep 0.05
    done
    echo $((($(date +%s%N) - start) / 1000000))' sh "$1" "$chain" "${@:2}"
}
no_raw_escape() { ! grep -q $'\e' <<<"$1" || { echo "a raw ESC in the output"; return 1; }; }

# 1 ─────────────────────────────────────────────────────────────────────────────────
start_ssh_like
configure "$allowing"
check "[1] before: memcached answers from outside (IPv4 and IPv6)" both_families memcached_tcp_answers
check "[1] before: MariaDB answers from outside" mariadb_answers "$APPLIANCE_ADDR4"
check "[1] before: memcached's UDP answers from outside" memcached_udp_answers "$APPLIANCE_ADDR4"
inside iptables -A INPUT -s 198.51.100.2/32 -j DROP
inside ip6tables -A INPUT -s 2001:db8::2/128 -j DROP
out=$(once --rule firewall)
check "[1] --once --rule firewall exits 2" expect_in "$out" "exit=2"
check "[1] the report names the backend" expect_in "$out" "IPv4: iptables v1.8.9 (nf_tables), the nf_tables backend"
check "[1] TCP 80 answers the allowed client (IPv4 and IPv6)" web_answers_both 80
check "[1] TCP 443 answers the allowed client (IPv4 and IPv6)" web_answers_both 443
check "[1] TCP 11211 closed from outside (IPv4 and IPv6)" both_families tcp_closed 11211
check "[1] TCP 3306 closed from outside (IPv4 and IPv6)" both_families tcp_closed 3306
check "[1] memcached's UDP gets no answer from outside" expect_eq "$(memcached_udp_reply_bytes "$APPLIANCE_ADDR4")" 0
check "[1] ... while memcached still listens on every interface" listening tn 0.0.0.0:11211
check "[1] SSH-like 22 answers (IPv4 and IPv6)" both_families ssh_answers
check "[1] loopback inside reaches 80, 443, 11211 and 3306" loopback_serves_everything
saved=$(inside cat /etc/iptables/rules.v4 /etc/iptables/rules.v6)
check "[1] the saved rules hold the chain" expect_in "$saved" "-A $chain -s 10.213.0.0/24 -p tcp -m multiport --dports 80,443 -j RETURN"
check "[1] ... and the IPv6 range" expect_in "$saved" "-A $chain -s fd00:c5:213::/64 -p tcp -m multiport --dports 80,443 -j RETURN"
check "[1] ... and keep the fixture's own rule and comment" expect_in "$saved" "-A INPUT -s 192.0.2.99/32 -j DROP"
check "[1] ... byte for byte around the chain" expect_in "$saved" "# iptables-persistent. Open, so the unhardened box is reachable; the one DROP (a"
phase "[1] ranges allowing the client"

# 2 ─────────────────────────────────────────────────────────────────────────────────
inside iptables -I INPUT 1 -s 198.51.100.1/32 -j DROP
inside ip6tables -I INPUT 1 -s 2001:db8::1/128 -j DROP
check "[2] setup: a foreign rule inserted above the jump, others below it" expect_eq "$(input_rules iptables)" "$(printf '%s\n' '-P INPUT ACCEPT' \
  '-A INPUT -s 198.51.100.1/32 -j DROP' '(jump)' '-A INPUT -s 192.0.2.99/32 -j DROP' '-A INPUT -s 198.51.100.2/32 -j DROP')"
out=$(once --rule firewall)
check "[2] the pass exits 2: a rule above the jump is drift" expect_in "$out" "exit=2"
check "[2] ... and names it" expect_in "$out" "has \"-A INPUT -s 198.51.100.1/32 -j DROP\" in INPUT above the jump to $chain"
input4=$(input_rules iptables)
input6=$(input_rules ip6tables)
check "[2] the jump is first again, the foreign rules below it in their order" expect_eq "$input4" "$(printf '%s\n' '-P INPUT ACCEPT' \
  '(jump)' '-A INPUT -s 198.51.100.1/32 -j DROP' '-A INPUT -s 192.0.2.99/32 -j DROP' '-A INPUT -s 198.51.100.2/32 -j DROP')"
check "[2] ... in IPv6 too" expect_eq "$(first_input_rule ip6tables)" "(jump)"
kernel=$(kernel_rules)
before_files=$(fingerprint /etc)
out=$(once --rule firewall)
check "[2] a further pass exits 0" expect_in "$out" "exit=0"
check "[2] ... loads nothing (the kernel's tables are identical)" expect_eq "$(kernel_rules)" "$kernel"
check "[2] ... and writes nothing under /etc" expect_eq "$(fingerprint /etc)" "$before_files"
phase "[2] a rule above the jump, then a further pass"

# 3 ─────────────────────────────────────────────────────────────────────────────────
configure "$excluding"
before_files=$(fingerprint /etc/iptables)
out=$(appliance_exec "$agent" --check --diff --rule firewall || echo "exit=$?")
check "[3] --check with new ranges exits 2" expect_in "$out" "exit=2"
check "[3] the diff names the kernel's chain" expect_in "$out" "--- a/iptables:filter/$chain"
check "[3] ... removes the old range" expect_in "$out" "--A $chain -s 10.213.0.0/24 -p tcp -m multiport --dports 80,443 -j RETURN"
check "[3] ... adds the new one" expect_in "$out" "+-A $chain -s 192.0.2.0/24 -p tcp -m multiport --dports 80,443 -j RETURN"
check "[3] ... and the saved file's edit" expect_in "$out" "+++ b/etc/iptables/rules.v6"
check "[3] nothing loaded" expect_eq "$(kernel_rules)" "$kernel"
check "[3] nothing written" expect_eq "$(fingerprint /etc/iptables)" "$before_files"
phase "[3] --check --diff"

# 4 ─────────────────────────────────────────────────────────────────────────────────
out=$(once --rule firewall)
check "[4] --once with ranges excluding the client exits 2" expect_in "$out" "exit=2"
check "[4] TCP 80 closed from outside (IPv4 and IPv6)" both_families tcp_closed 80
check "[4] TCP 443 closed from outside (IPv4 and IPv6)" both_families tcp_closed 443
check "[4] SSH-like 22 still answers (IPv4 and IPv6)" both_families ssh_answers
check "[4] loopback inside still reaches 80, 443, 11211 and 3306" loopback_serves_everything
check "[4] IPv4 INPUT: the foreign rules unchanged and in place" expect_eq "$(input_rules iptables)" "$input4"
check "[4] IPv6 INPUT: the foreign rules unchanged and in place" expect_eq "$(input_rules ip6tables)" "$input6"
check "[4] a further pass exits 0" expect_in "$(once --rule firewall)" "exit=0"
phase "[4] ranges excluding the client"

# 4a ────────────────────────────────────────────────────────────────────────────────
# A comment with an ESC in it: someone else's text, which the report must show escaped.
web_comment=$'web\e[2J'
restarts_before=$(restart_counts)
for family in iptables ip6tables; do
  inside "$family" -I INPUT 1 -p tcp --dport 80 -m comment --comment "$web_comment" -j ACCEPT
done
check "[4a] setup: the ACCEPT for 80 is INPUT's first rule (IPv4 and IPv6)" \
  expect_eq "$(first_input_rule iptables | grep -c -e '--dport 80')$(first_input_rule ip6tables | grep -c -e '--dport 80')" 11
check "[4a] before the pass, the client outside sourceRanges reaches 80 (IPv4 and IPv6)" web_answers_both 80
out=$(once --rule firewall)
check "[4a] the pass exits 2" expect_in "$out" "exit=2"
check "[4a] ... naming the ACCEPT above the jump" expect_in "$out" "--dport 80 -m comment --comment"
check "[4a] ... its comment escaped" expect_in "$out" 'web\x1b[2J'
check "[4a] ... no raw escape in the report" no_raw_escape "$out"
check "[4a] afterwards 80 is closed to the client (IPv4 and IPv6)" both_families tcp_closed 80
check "[4a] INPUT's first rule is the jump again (IPv4)" expect_eq "$(first_input_rule iptables)" "(jump)"
check "[4a] ... and IPv6" expect_eq "$(first_input_rule ip6tables)" "(jump)"
check "[4a] the ACCEPT is kept, right below the jump" expect_in "$(input_rules iptables | sed -n 3p)" "--dport 80"
check "[4a] SSH-like 22 still answers (IPv4 and IPv6)" both_families ssh_answers
check "[4a] no memcached or MariaDB restart" expect_eq "$(restart_counts)" "$restarts_before"
for family in iptables ip6tables; do
  inside "$family" -D INPUT -p tcp --dport 80 -m comment --comment "$web_comment" -j ACCEPT
done
phase "[4a] an ACCEPT for 80 above the jump"

# 5 ─────────────────────────────────────────────────────────────────────────────────
configure "$allowing"
once >/dev/null # every rule: memcached and MariaDB now keep to loopback by their own config
inside sed -i 's/^OPTIONS=.*/OPTIONS="-l 0.0.0.0,:: -U 11211 -t 4"/' /etc/sysconfig/memcached
inside systemctl restart memcached.service
check "[5] setup: memcached rebound to every interface over TCP" listening tn 0.0.0.0:11211
check "[5] setup: ... and UDP" listening un 0.0.0.0:11211
check "[5] TCP 11211 still closed from outside (IPv4 and IPv6)" both_families tcp_closed 11211
check "[5] memcached's UDP still silent from outside" expect_eq "$(memcached_udp_reply_bytes "$APPLIANCE_ADDR4")" 0
check "[5] memcached answers on loopback inside" answers_inside 127.0.0.1 11211 "VERSION" 'version\r\nquit\r\n'
check "[5] 80 answers the allowed client again" web_answers_both 80
phase "[5] memcached rebound to all interfaces"

# 6 ─────────────────────────────────────────────────────────────────────────────────
kernel=$(kernel_rules | grep -v -e 198.51.100 -e 2001:db8::1/ -e 2001:db8::2/)
appliance_reboot
phase "[6] reboot from the same disk"
check "[6] after the reboot, before any pass: the kernel holds the saved chain" expect_eq "$(kernel_rules)" "$kernel"
check "[6] ... the fixture's own rule restored too" expect_in "$(inside iptables -S INPUT)" "-A INPUT -s 192.0.2.99/32 -j DROP"
check "[6] memcached listens on every interface again" listening tn 0.0.0.0:11211
check "[6] TCP 11211 closed from outside" both_families tcp_closed 11211
check "[6] TCP 80 answers the allowed client" web_answers_both 80
start_ssh_like
check "[6] SSH-like 22 answers" both_families ssh_answers
check "[6] a pass after the reboot has nothing to do for the firewall" expect_in "$(once --rule firewall)" "exit=0"
phase "[6] after the reboot"

# 6a ────────────────────────────────────────────────────────────────────────────────
install_daemon
check "[6a] the daemon starts (its first pass done)" inside systemctl start $unit
check "[6a] it watches the kernel's rules through nf_tables notifications" \
  expect_in "$(daemon_log)" "Watching the kernel's firewall rules through nf_tables notifications"
sleep 3 # its first pass hardened memcached (rebound in [5]); what follows starts from rest
restarts_before=$(restart_counts)
passes_before=$(firewall_passes)
repairs=()
for round in 1 2 3; do
  ms=$(back_on_top_ms iptables -D INPUT -j "$chain")
  repairs+=("jump deleted under the daemon (IPv4, nf_tables): back in $ms ms")
  check "[6a] IPv4 jump deleted, round $round: back on top in $ms ms (< 2000)" test "$ms" -lt 2000
  sleep 3 # tamperings apart, as a person's are (8 undone within 15 s would be a contest)
done
ms=$(back_on_top_ms ip6tables -D INPUT -j "$chain")
repairs+=("jump deleted under the daemon (IPv6, nf_tables): back in $ms ms")
check "[6a] IPv6 jump deleted: back on top in $ms ms (< 2000)" test "$ms" -lt 2000
sleep 3
ms=$(back_on_top_ms iptables -I INPUT 1 -p tcp --dport 80 -j ACCEPT)
repairs+=("ACCEPT for 80 put above the jump under the daemon (IPv4, nf_tables): jump back on top in $ms ms")
check "[6a] ACCEPT for 80 put above the jump: the jump back on top in $ms ms (< 2000)" test "$ms" -lt 2000
check "[6a] ... the ACCEPT kept below it" expect_in "$(input_rules iptables | sed -n 3p)" "--dport 80"
inside iptables -D INPUT -p tcp --dport 80 -j ACCEPT
sleep 3
passes=$(since "$(firewall_passes)" "$passes_before")
# Five tamperings and the clean-up: each a pass, plus at most one for the repair's own echo.
check "[6a] passes the kernel's changes caused: $passes (at most 2 per change, 12)" test "$passes" -le 12
check "[6a] no memcached or MariaDB restart (since boot still: $restarts_before)" expect_eq "$(restart_counts)" "$restarts_before"
check "[6a] its last pass found everything in place" expect_in "$(inside systemctl show -p StatusText --value $unit)" "exit 0"
inside systemctl stop $unit
# [7] needs memcached reachable from outside again, as [5] left it before the daemon's pass.
inside sed -i 's/^OPTIONS=.*/OPTIONS="-l 0.0.0.0,:: -U 11211 -t 4"/' /etc/sysconfig/memcached
inside systemctl restart memcached.service
phase "[6a] the daemon on nf_tables: tampering repaired"

# 7 ─────────────────────────────────────────────────────────────────────────────────
for family in iptables ip6tables; do
  inside "$family-nft" -F
  inside "$family-nft" -X
  inside update-alternatives --quiet --set "$family" "/usr/sbin/$family-legacy"
done
check "[7] setup: with the nft rules gone, 11211 answers from outside again" memcached_tcp_answers "$APPLIANCE_ADDR4"
out=$(once --rule firewall)
check "[7] legacy: --once exits 2" expect_in "$out" "exit=2"
check "[7] the report names the legacy backend" expect_in "$out" "IPv4: iptables v1.8.9 (legacy), the legacy backend"
check "[7] TCP 11211 closed from outside (IPv4 and IPv6)" both_families tcp_closed 11211
check "[7] TCP 80 answers the allowed client" web_answers_both 80
check "[7] the chain is in the legacy tables" expect_in "$(inside iptables-legacy-save -t filter)" "-A INPUT -j $chain"
check "[7] a second pass exits 0" expect_in "$(once --rule firewall)" "exit=0"
phase "[7] the legacy backend"

# 7a ────────────────────────────────────────────────────────────────────────────────
check "[7a] the daemon starts on the legacy backend" inside systemctl start $unit
check "[7a] it polls the kernel's rules, the legacy backend announcing nothing" \
  expect_in "$(daemon_log)" "Watching the kernel's firewall rules by reading them every 10 s"
sleep 3
restarts_before=$(restart_counts)
ms=$(back_on_top_ms iptables -D INPUT -j "$chain")
repairs+=("jump deleted under the daemon (IPv4, legacy, polled): back in $ms ms")
check "[7a] jump deleted: back on top in $ms ms (within the 10 s poll and a pass)" test "$ms" -lt 12000
sleep 1
check "[7a] no memcached or MariaDB restart caused by it" expect_eq "$(restart_counts)" "$restarts_before"
inside systemctl stop $unit
phase "[7a] the daemon on legacy: a poll"

# 8 ─────────────────────────────────────────────────────────────────────────────────
inside iptables -I INPUT 1 -p tcp --dport 22 -m comment --comment "admin ssh: keep above -j $chain" -j ACCEPT
inside iptables -P INPUT DROP
inside sh -c 'iptables-save >/etc/iptables/rules.v4'
input4=$(input_rules iptables)
check "[8] setup: the commented SSH ACCEPT above the jump, policy DROP" expect_eq "$(printf '%s\n' "$input4" | head -n 3)" \
  "$(printf '%s\n' '-P INPUT DROP' "-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"admin ssh: keep above -j $chain\" -j ACCEPT" '(jump)')"
check "[8] setup: SSH-like 22 answers" ssh_answers "$APPLIANCE_ADDR4"
saved_before=$(inside cat /etc/iptables/rules.v4)
restarts_before=$(restart_counts)
out=$(once --rule firewall)
check "[8] a pass exits 2: the comment makes the SSH ACCEPT no jump of the agent's, so the jump goes above it" expect_in "$out" "exit=2"
check "[8] IPv4 INPUT: the jump first, then the SSH ACCEPT unchanged, the rest in order" expect_eq "$(input_rules iptables)" \
  "$(awk 'NR == 2 { ssh = $0; next } NR == 3 { print; print ssh; next } { print }' <<<"$input4")"
saved_after=$(inside cat /etc/iptables/rules.v4)
check "[8] the saved rules: the jump is the first INPUT rule" expect_eq "$(grep -m 1 '^-A INPUT' <<<"$saved_after")" "-A INPUT -j $chain"
check "[8] ... and every other line as it was" expect_eq "$(grep -vx -e "-A INPUT -j $chain" <<<"$saved_after")" "$(grep -vx -e "-A INPUT -j $chain" <<<"$saved_before")"
check "[8] SSH-like 22 still answers" ssh_answers "$APPLIANCE_ADDR4"
check "[8] a further pass exits 0" expect_in "$(once --rule firewall)" "exit=0"
check "[8] no memcached or MariaDB restart" expect_eq "$(restart_counts)" "$restarts_before"
phase "[8] a comment naming the jump"

if [ "$failed" -gt 0 ]; then
  echo "the daemon's journal (last 40 lines):" >&2
  daemon_log | tail -n 40 >&2 || true
fi
appliance_teardown >/dev/null
trap - EXIT
phase "tear down"
echo
printf '%s\n' "${repairs[@]}"
finish_suite firewall
