#!/usr/bin/env bash
# Proves the appliance test bed works: boots the fixture, then real clients in the client
# namespace must reach every service the unhardened box exposes (TCP 80, 443, 3306, 11211
# and memcached's UDP 11211), MariaDB must answer on its local socket inside, a DROP rule
# inside must be felt outside, and the CloudShark layout must be in place. Then it tears
# everything down, checks that nothing is left, and prints the timings. Exits non-zero on
# any failure.
#
# Usage: smoke.sh            (as root, no stdin needed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=boot.sh
source "$here/boot.sh"
# shellcheck source-path=SCRIPTDIR source=clients.sh
source "$here/clients.sh"

[ "$(id -u)" -eq 0 ] || die "smoke.sh must run as root"
need_host_command socat socat ip iproute2 nsenter util-linux

failures=0
results=()
# check DESCRIPTION CMD...: runs CMD, records PASS or FAIL, never stops the run.
check() {
  local what=$1 output
  shift
  if output=$("$@" 2>&1); then
    results+=("PASS  $what")
  else
    results+=("FAIL  $what")
    failures=$((failures + 1))
    say "FAIL: $what"
    [ -z "$output" ] || printf '%s\n' "$output" | tail -n 5 | sed 's/^/    /' >&2
  fi
}

# The firewall rule's tests need a kernel firewall in the appliance's namespace that real
# clients feel: while a DROP rule stands a connect times out, and it answers again after.
firewall_decides_reachability() {
  local tool address
  for tool in iptables ip6tables; do
    appliance_exec "$tool" -w -I INPUT -p tcp --dport 11211 -j DROP
  done
  for address in "$APPLIANCE_ADDR4" "[$APPLIANCE_ADDR6]"; do
    if client_exec socat -t 1 - "TCP:$address:11211,connect-timeout=1" </dev/null; then
      echo "TCP $address:11211 still reachable with a DROP rule"
      return 1
    fi
  done
  for tool in iptables ip6tables; do
    appliance_exec "$tool" -w -D INPUT -p tcp --dport 11211 -j DROP
  done
  memcached_tcp_answers "$APPLIANCE_ADDR4" && memcached_tcp_answers "[$APPLIANCE_ADDR6]"
}

mariadb_socket_answers() {
  [ "$(appliance_exec mariadb --batch --skip-column-names -e 'SELECT 6*7')" = 42 ]
}

memcached_reads_sysconfig() {
  local args
  # shellcheck disable=SC2016 # expanded by the shell inside the appliance
  args=$(appliance_exec sh -c 'tr "\0" " " </proc/$(pidof memcached)/cmdline')
  echo "memcached: $args"
  [[ "$args" == *"-u memcached "*"-U 11211 -t 4"* ]]
}

cloudshark_password_is_shipped() {
  # shellcheck disable=SC2016 # Perl, not shell
  appliance_exec perl -e '@u = getpwnam("cloudshark"); exit(crypt("cloudshark", $u[1]) eq $u[1] ? 0 : 1)'
}

cloudshark_unit_has_override() {
  local shown
  shown=$(appliance_exec systemctl show cloudshark.service -p DropInPaths -p Environment -p ActiveState)
  echo "$shown"
  grep -q 'cloudshark.service.d/override.conf' <<<"$shown" && grep -q '^Environment=RAILS_ENV=production' <<<"$shown" \
    && grep -q '^ActiveState=active' <<<"$shown"
}

uploads_hold_captures() {
  local listing
  listing=$(appliance_exec stat -c '%F %U:%G %n' /var/www/cloudshark/shared/uploads /var/www/cloudshark/shared/uploads/2026-11/capture-0001.pcap)
  echo "$listing"
  [ "$(grep -c ' cloudshark:cloudshark ' <<<"$listing")" -eq 2 ] && grep -q '^directory ' <<<"$listing"
}

# Dead, or a zombie waiting for the host's init to reap it (nspawn's parent, boot.sh up,
# has exited by then).
nspawn_gone() {
  ! nspawn_alive
}

agent_dir_bound_read_only() {
  [ "$(appliance_exec cat /opt/cloudshark-hardening/VERSION)" = smoke ] \
    && ! appliance_exec touch /opt/cloudshark-hardening/written 2>/dev/null
}

started=$(now_ms)

step_start=$(now_ms)
"$here/build-root.sh" >/dev/null
root_ms=$(( $(now_ms) - step_start ))

# A stand-in for the published agent, to prove the bind at /opt/cloudshark-hardening.
agent_dir=$(mktemp -d /tmp/cloudshark-smoke-agent.XXXXXX)
echo smoke >"$agent_dir/VERSION"
links_before=$(ip -o link show | awk -F': ' '{print $2}' | sort)
trap 'appliance_teardown; rm -rf "$agent_dir"' EXIT

step_start=$(now_ms)
appliance_boot "$agent_dir"
boot_ms=$(( $(now_ms) - step_start ))

step_start=$(now_ms)
check "TCP 80 answers over IPv4 (cloudshark.service)" web_answers "$APPLIANCE_ADDR4" 80
check "TCP 80 answers over IPv6" web_answers "[$APPLIANCE_ADDR6]" 80
check "TCP 443 answers over IPv4" web_answers "$APPLIANCE_ADDR4" 443
check "TCP 443 answers over IPv6" web_answers "[$APPLIANCE_ADDR6]" 443
check "TCP 3306 answers over IPv4 (MariaDB, bind-address=0.0.0.0)" mariadb_answers "$APPLIANCE_ADDR4"
check "TCP 11211 answers over IPv4 (memcached)" memcached_tcp_answers "$APPLIANCE_ADDR4"
check "TCP 11211 answers over IPv6" memcached_tcp_answers "[$APPLIANCE_ADDR6]"
check "UDP 11211 answers a stats request (memcached -U 11211)" memcached_udp_answers "$APPLIANCE_ADDR4"
check "MariaDB answers on its local socket inside" mariadb_socket_answers
check "iptables/ip6tables DROP inside makes TCP 11211 time out, and removing it reopens it" firewall_decides_reachability
check "memcached runs with OPTIONS from /etc/sysconfig/memcached" memcached_reads_sysconfig
check "cloudshark still has its shipped password" cloudshark_password_is_shipped
check "cloudshark.service is active with its override.conf" cloudshark_unit_has_override
check "uploads is a real directory of captures owned by cloudshark" uploads_hold_captures
check "the agent directory is bound read-only at /opt/cloudshark-hardening" agent_dir_bound_read_only
# Two boxes up at once must not share a cgroup (boot-steps.sh, enter_own_cgroups).
check "the box runs in cgroups named after it" grep -q "/$APPLIANCE_NAME/" "/proc/$APPLIANCE_PID/cgroup"
box_cgroups=$(cat "$APPLIANCE_DIR/cgroups")
checks_ms=$(( $(now_ms) - step_start ))

# Remember what this boot made, to prove after teardown that none of it is left.
name=$APPLIANCE_NAME dir=$APPLIANCE_DIR netns=$APPLIANCE_NETNS
step_start=$(now_ms)
appliance_teardown
teardown_ms=$(( $(now_ms) - step_start ))
trap 'rm -rf "$agent_dir"' EXIT

check "teardown removed the state directory" test ! -e "$dir"
check "teardown removed the client namespace" test ! -e "/run/netns/$netns"
check "teardown stopped systemd-nspawn" nspawn_gone
check "teardown left no mount behind" sh -c "! grep -qF '$name' /proc/self/mountinfo"
check "teardown left no nspawn state behind" test ! -e "/run/systemd/nspawn/propagate/$name"
check "teardown removed the box's cgroups" sh -c "[ -n '$box_cgroups' ] && ! ls -d $(tr '\n' ' ' <<<"$box_cgroups") 2>/dev/null"
check "no network interface appeared on the host" test "$(ip -o link show | awk -F': ' '{print $2}' | sort)" = "$links_before"

total_ms=$(( $(now_ms) - started ))
echo
printf '%s\n' "${results[@]}"
printf '\n%-28s %8s\n' step ms
printf '%-28s %8d\n' "root (build or cache)" "$root_ms" "boot (boot.sh up)" "$boot_ms" \
  "  of which nspawn to ports" "$APPLIANCE_BOOT_MS" "checks" "$checks_ms" "teardown" "$teardown_ms" "total" "$total_ms"
echo
echo "appliance (smoke): $((${#results[@]} - failures)) passed, $failures failed"
if [ "$failures" -gt 0 ]; then
  say "$failures check(s) failed"
  exit 1
fi
say "the appliance test bed works"
