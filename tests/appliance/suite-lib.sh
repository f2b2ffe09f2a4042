# shellcheck shell=bash
# What the appliance suites share: checks that record PASS/FAIL without stopping the run,
# phase timings, the agent inside the box, and what systemd says about units. Sourced after
# boot.sh.

agent=/opt/cloudshark-hardening/cloudshark-hardening
passed=0
failed=0
rows=()

phases=()
# phase NAME: marks the end of the phase that started at the previous mark.
phase_started=$(now_ms)
phase() {
  phases+=("$(printf '%6d ms  %s' $(($(now_ms) - phase_started)) "$1")")
  phase_started=$(now_ms)
}

# check NAME CMD...: runs CMD, records PASS or FAIL, never stops the run.
check() {
  local name=$1 output
  shift
  if output=$("$@" 2>&1); then
    passed=$((passed + 1))
    rows+=("PASS  $name")
  else
    failed=$((failed + 1))
    rows+=("FAIL  $name")
    say "FAIL: $name"
    printf '%s\n' "$output" | tail -n 15 | sed 's/^/    /' >&2
  fi
}

invocation() { appliance_exec systemctl show -p InvocationID --value "$1"; }
# Counts from PID 1's own journal since boot; tests compare them before and after a pass.
# (Cursors are no help: PID 1 logs "Reloading." out of sequence with what follows it.)
restart_jobs() { appliance_exec journalctl -o export _PID=1 UNIT="$1" JOB_TYPE=restart JOB_RESULT=done | grep -c '^JOB_ID=' || true; }
reloads() { appliance_exec journalctl -o cat _PID=1 | grep -c '^Reloading' || true; }
# A count now minus the count before: how many happened in between.
since() { echo $(($1 - $2)); }
# Runs the agent inside; prints its stdout, and its exit code as the last line.
once() { local rc=0; appliance_exec "$agent" --once "$@" || rc=$?; echo "exit=$rc"; }

expect_eq() { [ "$1" = "$2" ] || { echo "expected '$2', got '$1'"; return 1; }; }
expect_ne() { [ "$1" != "$2" ] || { echo "expected a change from '$2'"; return 1; }; }
expect_in() { grep -qF -- "$2" <<<"$1" || { echo "'$2' not in:"; printf '%s\n' "$1" | tail -n 20; return 1; }; }

# A fingerprint of every file and link under the given directories inside the box: path,
# type, mode, owner, size, mtime, link target and content hash. Equal fingerprints mean
# nothing there was written, moved, chmod-ed or touched.
fingerprint() {
  appliance_exec find "$@" -xdev \( -type f -o -type l -o -type d \) -printf '%p %y %m %u:%g %s %T@ %l\n' | sort
  appliance_exec find "$@" -xdev -type f -exec sha256sum {} + | sort
}

# finish_suite NAME: prints the table and timings, the closing count line, and fails on any FAIL.
finish_suite() {
  echo
  printf '%s\n' "${rows[@]}"
  echo
  printf '%s\n' "${phases[@]}"
  echo
  echo "appliance ($1): $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
