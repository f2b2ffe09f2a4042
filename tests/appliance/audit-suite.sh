#!/usr/bin/env bash
# The audit on the booted appliance (issue 8's acceptance), one box, in order:
#  1. fresh box: 'audit' lists TCP 3306 (mariadbd, mariadb.service), TCP and UDP 11211
#     (memcached, memcached.service) with the firewall's verdict, the shipped cloudshark
#     password (found with the box's own crypt(3), no hash printed), no time synchronisation
#     (no time service; timedated asked over the system bus), updates unknown (no dnf or yum
#     on this Debian root configured as EL); exit 1 at the default --fail-on high;
#  2. a listener the test starts on TCP 4444 (socat under systemd-run) shows up with its
#     process and unit; with an iptables DROP it stays listed, lower, and real clients cannot
#     reach it; stopped, the finding is gone;
#  3. after --once: the pass's own report carries the findings; 3306 and 11211 are gone from
#     the audit, the password finding stays and /etc/shadow is untouched (the agent never
#     changes passwords); the agent's config and state are root's alone until the test makes
#     the config world-writable; the agent's unit is found disabled, then enabled (systemd's
#     UnitFileState over D-Bus); nothing critical remains, so --fail-on critical exits 0;
#  4. MariaDB stopped and mariadb.socket started (systemd refuses to while its service runs):
#     the port PID 1 then holds is named for mariadb.socket, with 'systemctl disable --now
#     mariadb.socket' as the fix, not init.scope; the socket stopped and MariaDB started
#     again, the finding is gone and the box is as the fixture left it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=boot.sh
source "$here/boot.sh"
# shellcheck source-path=SCRIPTDIR source=clients.sh
source "$here/clients.sh"
# shellcheck source-path=SCRIPTDIR source=suite-lib.sh
source "$here/suite-lib.sh"
trap 'appliance_teardown >/dev/null 2>&1 || true' EXIT
[ "$(id -u)" -eq 0 ] || die "audit-suite.sh must run as root"
need_host_command jq jq

agent_dir=$("$here/publish-agent.sh")
phase "publish the agent"
appliance_boot "$agent_dir"
phase "boot the appliance"

inside() { appliance_exec "$@"; }
# audit_run [ARGS]: the audit's JSON in $audit_out, its exit code in $audit_rc.
audit_run() {
  audit_rc=0
  audit_out=$(inside "$agent" audit --json "$@") || audit_rc=$?
}
ids() { jq -r '.findings[].id' <<<"$audit_out"; }
finding() { jq -c --arg id "$1" '.findings[] | select(.id == $id)' <<<"$audit_out"; }
severity() { jq -r --arg id "$1" '.findings[] | select(.id == $id) | .severity' <<<"$audit_out"; }
has_finding() { ids | grep -qx -- "$1" || { echo "no $1 among: $(ids | tr '\n' ' ')"; return 1; }; }
lacks_finding() { if ids | grep -qx -- "$1"; then echo "still there: $(finding "$1")"; return 1; fi; }
expect_not_in() { if grep -qF -- "$2" <<<"$1"; then echo "'$2' should not be in the output"; return 1; fi; }
both_in() { expect_in "$1" "$2" && expect_in "$1" "$3"; }
both_lack() { lacks_finding "$1" && lacks_finding "$2"; }
listening_on() { # listening_on PORT: waits up to 5 s for a TCP listener inside the box
  local tries=0
  until inside ss -Hltn "sport = :$1" | grep -q LISTEN; do
    tries=$((tries + 1))
    [ "$tries" -lt 25 ] || { echo "nothing listens on $1"; return 1; }
    sleep 0.2
  done
}
stray_answers() { listening_on 4444 && expect_in "$(talk "TCP:$APPLIANCE_ADDR4:4444,connect-timeout=5" </dev/null)" "stray"; }
shadow_line_sum() { inside grep '^cloudshark:' /etc/shadow | sha256sum | cut -d' ' -f1; }

# 1 ─────────────────────────────────────────────────────────────────────────────────
audit_run
phase "[1] audit on a fresh box"
check "[1] fresh box: audit exits 1 (findings at or above high)" expect_eq "$audit_rc" 1
check "[1] TCP 3306 listed, high, with mariadbd and mariadb.service" both_in "$(severity listener.tcp.3306) $(finding listener.tcp.3306)" "high" "mariadbd, pid"
check "[1] ... its unit is mariadb.service" expect_in "$(finding listener.tcp.3306)" "mariadb.service)"
check "[1] ... and the firewall's verdict from the box's own iptables" expect_in "$(finding listener.tcp.3306)" "firewall open (iptables-save: accepted by INPUT policy ACCEPT)"
check "[1] TCP 11211 listed with memcached and memcached.service" both_in "$(finding listener.tcp.11211)" "memcached, pid" "memcached.service)"
check "[1] UDP 11211 listed, critical, CVE-2018-1000115" both_in "$(severity listener.udp.11211) $(finding listener.udp.11211)" "critical" "CVE-2018-1000115"
check "[1] allowed ports 80 and 443 are not findings" lacks_finding listener.tcp.80
check "[1] the shipped cloudshark password found (yescrypt, crypt(3))" both_in "$(finding password.shipped.cloudshark)" "yescrypt hash matches the shipped password" '"severity":"high"'
# shellcheck disable=SC2016 # the literal prefix of a yescrypt hash
check "[1] no password hash anywhere in the output" expect_not_in "$audit_out" '$y$'
check "[1] no time synchronisation found" has_finding time.no-sync-service
check "[1] ... and timedated asked over the system bus" expect_in "$(finding time.no-sync-service)" "systemd-timedated: NTP=no"
# The box says "platform": "redhat", so the audit asks dnf or yum, which a Debian root lacks.
check "[1] security updates unknown, not an error (no dnf or yum)" expect_in "$(finding updates.unknown)" "no dnf or yum in /usr/bin"
check "[1] the agent's own unit is not installed" has_finding agent.unit-not-enabled
# The fixture keeps the firewall rule off (see its hardening.json).
check "[1] each rule's status is on the page" expect_eq "$(jq -r '[.rules[] | .name + "=" + .status] | join(" ")' <<<"$audit_out")" "memcached=drift mariadb=drift uploads=drift cloudshark-unit=drift firewall=off"
table=$(inside "$agent" audit || true)
check "[1] the table shows severity, id and what at a glance" expect_in "$table" "  critical  listener.udp.11211"
check "[1] ... with the fix beneath" expect_in "$table" "fix:  Run 'cloudshark-hardening --once'"
check "[1] the audit changed nothing: no state directory" inside sh -c '! test -e /var/lib/cloudshark-hardening'
phase "[1] checks"

# 2 ─────────────────────────────────────────────────────────────────────────────────
inside systemd-run --quiet --unit=audit-stray socat TCP-LISTEN:4444,fork,reuseaddr SYSTEM:'echo stray'
check "[2] setup: the stray listener answers from outside" stray_answers
audit_run
check "[2] TCP 4444 listed, high, with socat and audit-stray.service" both_in "$(severity listener.tcp.4444) $(finding listener.tcp.4444)" "high" "(socat, pid"
check "[2] ... its unit" expect_in "$(finding listener.tcp.4444)" "audit-stray.service)"
for tool in iptables ip6tables; do inside "$tool" -w -I INPUT ! -i lo -p tcp --dport 4444 -j DROP; done
check "[2] with a DROP rule, clients outside cannot connect" tcp_closed "$APPLIANCE_ADDR4" 4444
audit_run
check "[2] ... and the finding stays, low" expect_eq "$(severity listener.tcp.4444)" low
check "[2] ... naming the rule that drops it" expect_in "$(finding listener.tcp.4444)" "dropped by '-A INPUT ! -i lo -p tcp -m tcp --dport 4444 -j DROP'"
for tool in iptables ip6tables; do inside "$tool" -w -D INPUT ! -i lo -p tcp --dport 4444 -j DROP; done
inside systemctl stop audit-stray.service
audit_run
check "[2] stopped: the finding is gone" lacks_finding listener.tcp.4444
phase "[2] a listener on an unexpected port"

# 3 ─────────────────────────────────────────────────────────────────────────────────
shadow_before=$(shadow_line_sum)
# shellcheck disable=SC2119 # once takes the agent's options, none needed here
out=$(once)
phase "[3] --once"
check "[3] --once exits 2" expect_in "$out" "exit=2"
check "[3] the pass's report carries the audit" expect_in "$out" "password.shipped.cloudshark"
check "[3] last-run.json keeps the findings" expect_in "$(inside cat /var/lib/cloudshark-hardening/last-run.json | jq -r '.audit.findings[].id')" "password.shipped.cloudshark"
audit_run
phase "[3] audit after --once"
check "[3] TCP 3306 gone" lacks_finding listener.tcp.3306
check "[3] TCP 11211 gone" lacks_finding listener.tcp.11211
check "[3] UDP 11211 gone" lacks_finding listener.udp.11211
check "[3] the shipped password is still found" has_finding password.shipped.cloudshark
check "[3] /etc/shadow's cloudshark line untouched" expect_eq "$(shadow_line_sum)" "$shadow_before"
check "[3] every rule compliant (the firewall off)" expect_eq "$(jq -r '[.rules[].status] | unique | join(" ")' <<<"$audit_out")" "compliant off"
check "[3] the agent's configuration and state are root's alone" both_lack agent.config-writable agent.state-writable
inside chmod 0666 /etc/cloudshark-hardening/hardening.json
audit_run
inside chmod 0644 /etc/cloudshark-hardening/hardening.json
check "[3] a world-writable configuration file is found" expect_in "$(finding agent.config-writable)" "hardening.json: mode 0666, owner root:root; writable by everyone"
inside sh -c 'printf "[Unit]\nDescription=test stand-in\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n" >/etc/systemd/system/cloudshark-hardening.service'
inside systemctl daemon-reload
audit_run
check "[3] the agent's unit installed but disabled: systemd's unit file state shown" expect_in "$(finding agent.unit-not-enabled)" "unit file state: disabled"
inside systemctl enable --quiet cloudshark-hardening.service
audit_run
check "[3] ... enabled: the finding is gone" lacks_finding agent.unit-not-enabled
audit_run --fail-on critical
check "[3] nothing critical left: --fail-on critical exits 0" expect_eq "$audit_rc" 0
audit_run
check "[3] still exit 1 at the default (the password)" expect_eq "$audit_rc" 1

# 4 ─────────────────────────────────────────────────────────────────────────────────
title() { jq -r --arg id "$1" '.findings[] | select(.id == $id) | .title' <<<"$audit_out"; }
fix() { jq -r --arg id "$1" '.findings[] | select(.id == $id) | .fix' <<<"$audit_out"; }
inside systemctl stop mariadb.service
inside systemctl start mariadb.socket
check "[4] setup: systemd listens on 3306 for mariadb.socket" listening_on 3306
audit_run
phase "[4] audit with mariadb.socket listening"
check "[4] TCP 3306 is named for mariadb.socket" expect_in "$(title listener.tcp.3306)" "systemd listens on [::]:3306 for mariadb.socket"
check "[4] ... the fix disables mariadb.socket" expect_in "$(fix listener.tcp.3306)" "systemctl disable --now mariadb.socket"
check "[4] ... and never init.scope" expect_not_in "$(title listener.tcp.3306) $(fix listener.tcp.3306)" "init.scope"
inside systemctl stop mariadb.socket
inside systemctl start mariadb.service
audit_run
check "[4] socket stopped: the finding is gone" lacks_finding listener.tcp.3306
check "[4] ... and mariadb.socket is left as the fixture had it, MariaDB running" expect_eq "$(inside systemctl is-enabled mariadb.socket || true) $(inside systemctl is-active mariadb.socket mariadb.service | tr '\n' ' ')" "disabled inactive active "

appliance_teardown >/dev/null
trap - EXIT
phase "tear down"
finish_suite audit
