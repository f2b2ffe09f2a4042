#!/usr/bin/env bash
# The agent against real systemd on the booted appliance (issue 3's acceptance):
#  1. a fresh box: --once restarts memcached and mariadb over D-Bus exactly once each and
#     daemon-reloads once, as PID 1's own journal records it;
#  2. a second --once changes nothing and restarts nothing (InvocationIDs unchanged);
#  3. run as a Type=notify unit, READY=1 and STATUS= reach systemd, and its journal
#     entries carry the structured fields RULE= and RUN_ID=;
#  4. a service that cannot start with the new file is rolled back: the old file is back,
#     the unit active again, the run exits 4 and the report says why.
# Prints a table of check → result and time, and a closing "N passed, N failed" line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=boot.sh
source "$here/boot.sh"
# shellcheck source-path=SCRIPTDIR source=suite-lib.sh
source "$here/suite-lib.sh"
trap 'appliance_teardown >/dev/null 2>&1 || true' EXIT
[ "$(id -u)" -eq 0 ] || die "systemd-suite.sh must run as root"

agent_dir=$("$here/publish-agent.sh")
phase "publish the agent"
say "booting the appliance"
appliance_boot "$agent_dir"
phase "boot the appliance"

# 1. A fresh box: one pass, one restart per service, one daemon-reload.
memcached_before=$(invocation memcached.service)
mariadb_before=$(invocation mariadb.service)
memcached_jobs=$(restart_jobs memcached.service)
mariadb_jobs=$(restart_jobs mariadb.service)
reloads_before=$(reloads)
first=$(once --json)
phase "first --once (two restarts, one daemon-reload)"
check "fresh box: --once exits 2" expect_in "$first" "exit=2"
check "memcached restarted (new InvocationID)" expect_ne "$(invocation memcached.service)" "$memcached_before"
check "mariadb restarted (new InvocationID)" expect_ne "$(invocation mariadb.service)" "$mariadb_before"
check "memcached: exactly one restart job in PID 1's journal" expect_eq "$(since "$(restart_jobs memcached.service)" "$memcached_jobs")" 1
check "mariadb: exactly one restart job in PID 1's journal" expect_eq "$(since "$(restart_jobs mariadb.service)" "$mariadb_jobs")" 1
check "exactly one daemon-reload" expect_eq "$(since "$(reloads)" "$reloads_before")" 1
check "systemd sees RequiresMountsFor=/cap on cloudshark.service" expect_in "$(appliance_exec systemctl show -p RequiresMountsFor cloudshark.service)" "/cap"
check "no unit needs a daemon-reload" expect_eq "$(appliance_exec systemctl show -p NeedDaemonReload --value cloudshark.service)" "no"
check "memcached runs with -U 0 -l 127.0.0.1" expect_in "$(appliance_exec ps -o args= -C memcached)" "-U 0 -t 4 -l 127.0.0.1"
check "mariadb runs with networking off" expect_in "$(appliance_exec mariadb -N -e 'select @@skip_networking')" "1"
check "no unit actions left owed" expect_eq "$(appliance_exec test -e /var/lib/cloudshark-hardening/pending-unit-actions.json && echo owed || echo none)" none

# 2. A second pass: nothing to do, nothing restarted.
memcached_after=$(invocation memcached.service)
mariadb_after=$(invocation mariadb.service)
reloads_before=$(reloads)
second=$(once)
phase "second --once (nothing to do)"
check "second --once exits 0" expect_in "$second" "exit=0"
check "memcached not restarted again" expect_eq "$(invocation memcached.service)" "$memcached_after"
check "mariadb not restarted again" expect_eq "$(invocation mariadb.service)" "$mariadb_after"
check "no daemon-reload on the second pass" expect_eq "$(since "$(reloads)" "$reloads_before")" 0

# 3. As a Type=notify unit: systemd-run waits for READY=1 and fails the start without it.
check "READY=1 reaches systemd (Type=notify start succeeds)" \
  appliance_exec systemd-run --quiet --unit=csh-notify -p Type=notify -p RemainAfterExit=yes "$agent" --once
phase "--once as a Type=notify unit"
check "STATUS= reaches systemd" expect_in "$(appliance_exec systemctl show -p StatusText --value csh-notify.service)" "4 compliant, 1 off; exit 0"  # the fixture keeps the firewall rule off
journal=$(appliance_exec journalctl -o json -u csh-notify.service SYSLOG_IDENTIFIER=cloudshark-hardening)
check "journal entries carry RULE=" expect_in "$journal" '"RULE":"mariadb"'
check "journal entries carry RUN_ID=" expect_in "$journal" '"RUN_ID":"'
appliance_exec systemctl stop csh-notify.service

# 4. A service that will not start with the new file: make memcached refuse UDP off, then drift.
appliance_exec sh -c 'mkdir -p /etc/systemd/system/memcached.service.d && printf "[Service]\nExecStartPre=/bin/sh -c \"! grep -q -- -U.0 /etc/sysconfig/memcached || { echo refusing: this memcached build needs UDP; exit 1; }\"\n" >/etc/systemd/system/memcached.service.d/zz-refuse-udp-off.conf'
appliance_exec sed -i 's/^OPTIONS=.*/OPTIONS="-U 11211 -t 4"/' /etc/sysconfig/memcached
appliance_exec systemctl daemon-reload
appliance_exec systemctl restart memcached.service
drifted=$(appliance_exec cat /etc/sysconfig/memcached)
rollback=$(once --json)
phase "--once with a unit that fails, and its rollback"
check "failing unit: --once exits 4" expect_in "$rollback" "exit=4"
check "failing unit: the old file is back" expect_eq "$(appliance_exec cat /etc/sysconfig/memcached)" "$drifted"
check "failing unit: memcached is active again" expect_eq "$(appliance_exec systemctl is-active memcached.service)" "active"
check "failing unit: the report says why" expect_in "$rollback" "did not come back"
check "failing unit: the report carries the unit's own log" expect_in "$rollback" "refusing: this memcached build needs UDP"

appliance_teardown >/dev/null
trap - EXIT
phase "tear down"
finish_suite systemd
