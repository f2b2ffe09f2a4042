#!/usr/bin/env bash
# Sets up and runs every test of the project; exits non-zero when any test fails.
# Some tests mount small tmpfs file systems (a full disk, a read-only disk): run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-test-deps.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test CloudSharkHardening.sln --nologo -c Release 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, in the plain form CI reads.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
