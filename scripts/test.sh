#!/usr/bin/env bash
# Sets up and runs every test of the project; exits non-zero when any test fails.
#  1. the unit tests (dotnet test): seconds; some mount small tmpfs file systems (a full
#     disk, a read-only disk) and start a private dbus-daemon;
#  2. the appliance suites: a Debian 12 root (built once with debootstrap, then cached
#     under /var/cache/cloudshark-hardening) booted with systemd-nspawn, real systemd,
#     memcached and MariaDB, probed by real clients from a network namespace.
# Runs as root (CI does). SKIP_APPLIANCE=1 runs the unit tests only, for a quick loop.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-test-deps.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test CloudSharkHardening.sln --nologo -c Release 2>&1 | tee "$log" || status=$?
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
[ "$status" -eq 0 ] && [ "$passed" -gt 0 ] || status=1

if [ "${SKIP_APPLIANCE:-0}" != 1 ]; then
  for suite in tests/appliance/smoke.sh tests/appliance/systemd-suite.sh tests/appliance/acceptance-suite.sh tests/appliance/daemon-suite.sh tests/appliance/audit-suite.sh tests/appliance/firewall-suite.sh tests/appliance/sources-suite.sh tests/appliance/hostile-suite.sh tests/appliance/packaging-suite.sh; do
    suite_status=0
    bash "$suite" </dev/null 2>&1 | tee "$log" || suite_status=$?
    counts=$(grep -oE '^appliance \([a-z]+\): [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
    if [ -z "$counts" ]; then
      echo "$suite ended before its checks ran" >&2
      failed=$((failed + 1))
      status=1
      continue
    fi
    passed=$((passed + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$counts")))
    failed=$((failed + $(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$counts")))
    [ "$suite_status" -eq 0 ] || status=1
  done
fi

# One closing line for the whole run, in the plain form CI reads.
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
