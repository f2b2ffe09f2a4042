#!/usr/bin/env bash
# Whole-process figures on the booted appliance test bed (issue 9), from one boot:
#  1. --once on the fresh appliance: everything to harden, memcached and MariaDB restarted
#     (one sample: a box is fresh only once);
#  2. --once on the now compliant appliance: 1 warm-up, then wall time and peak RSS of 10;
#  3. the four iptables runs a firewall check makes, with the real tools (10 times);
#  4. the daemon (the packaged unit), idle for 60 s: RSS, CPU time and wake-ups;
#  5. its compliant pass, as it reports it (10 passes, each woken by an unchanged rewrite);
#  6. drift repair, from the tampering write to verified compliance, 20 times each:
#     memcached's file undone and memcached restarted by hand with UDP on (the repair
#     restarts it), and the file alone undone (memcached still hardened: no restart).
# Writes the figures as JSON (default bench/results/appliance.json); progress on stderr.
# Run as root; reuses the cached root and the published agent of tests/appliance.
#   usage: bench/appliance.sh [OUTPUT_JSON]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bed=$repo/tests/appliance
out=${1:-$here/results/appliance.json}
# shellcheck source-path=SCRIPTDIR source=../tests/appliance/boot.sh
source "$bed/boot.sh"
# shellcheck source-path=SCRIPTDIR source=../tests/appliance/suite-lib.sh
source "$bed/suite-lib.sh"
[ "$(id -u)" -eq 0 ] || die "bench/appliance.sh must run as root"
export APPLIANCE_NAME_PREFIX=cshbench
trap 'appliance_teardown >/dev/null 2>&1 || true' EXIT

inside() { appliance_exec "$@"; }
figures=()
# figure ID TITLE VALUE UNIT DETAIL: one entry of the JSON the report step reads.
figure() {
  local detail=${5//$'\n'/ }
  detail=${detail//\\/\\\\}
  figures+=("$(printf '{"id": "%s", "title": "%s", "value": %s, "unit": "%s", "detail": "%s"}' "$1" "$2" "$3" "$4" "${detail//\"/\\\"}")")
}
# stats: numbers on stdin, one a line; prints "median min max" (the median of an even count
# is the mean of the middle two).
stats() {
  sort -n | awk '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f %.1f %.1f\n", m, v[1], v[NR] }'
}
# timed_once: the agent's --once inside, under GNU time; prints "wall_ms peak_rss_kib exit".
# The wall clock is read inside the box around /usr/bin/time, so it adds one fork and exec
# of time(1) (about a millisecond) and nothing of nsenter.
# shellcheck disable=SC2016 # expanded by the shell inside the appliance
timed_once() {
  inside sh -c 's=$(date +%s%N); /usr/bin/time -f %M -o /tmp/bench.rss "$@" >/dev/null 2>/tmp/bench.err; rc=$?
    e=$(date +%s%N); echo "$(( (e - s) / 1000 )) $(tail -n 1 /tmp/bench.rss) $rc"' sh "$agent" --once \
    | awk '{ printf "%.1f %d %d\n", $1 / 1000, $2, $3 }'
}

measured_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load=$(cut -d' ' -f1-3 /proc/loadavg)
agent_dir=$("$bed/publish-agent.sh")
appliance_boot "$agent_dir"
inside test -x /usr/bin/time || die "the cached appliance root has no GNU time; delete it so build-root.sh builds one with it"

# ── 1. --once on the fresh appliance ─────────────────────────────────────────────────────
say "--once on the fresh appliance"
before=("$(invocation memcached.service)" "$(invocation mariadb.service)")
read -r wall rss rc < <(timed_once)
restarted=()
[ "$(invocation memcached.service)" = "${before[0]}" ] || restarted+=(memcached)
[ "$(invocation mariadb.service)" = "${before[1]}" ] || restarted+=(mariadb)
figure once.fresh.wall "--once on a fresh appliance: wall time" "$wall" ms "one sample (a box is fresh once); exit $rc; restarted: ${restarted[*]:-none}"
figure once.fresh.rss "--once on a fresh appliance: peak RSS" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" MiB "GNU time %M; one sample"

# ── 2. --once on the compliant appliance ─────────────────────────────────────────────────
say "--once on the compliant appliance: 1 warm-up, then 10"
timed_once >/dev/null
walls=() rsss=() codes=()
for _ in $(seq 1 10); do
  read -r wall rss rc < <(timed_once)
  walls+=("$wall") rsss+=("$rss") codes+=("$rc")
done
read -r median min max < <(printf '%s\n' "${walls[@]}" | stats)
exits=$(printf '%s\n' "${codes[@]}" | sort -u | tr '\n' ' ')
figure once.compliant.wall "--once on a compliant appliance: wall time" "$median" ms "median of 10 after a warm-up, $min to $max ms; exit codes: ${exits% }"
read -r median min max < <(printf '%s\n' "${rsss[@]}" | stats)
figure once.compliant.rss "--once on a compliant appliance: peak RSS" "$(awk -v k="$median" 'BEGIN { printf "%.1f", k / 1024 }')" MiB "median of 10, GNU time %M, $((${min%.*} / 1024)) to $((${max%.*} / 1024)) MiB"

# ── 3. the tools a firewall check runs ───────────────────────────────────────────────────
say "iptables -V and -save -t filter for both families, real tools"
# shellcheck disable=SC2016 # expanded by the shell inside the appliance
tool_runs=$(inside sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do s=$(date +%s%N)
    for t in iptables ip6tables; do $t -V >/dev/null; $t-save -t filter >/dev/null; done
    e=$(date +%s%N); echo $(( (e - s) / 1000 )); done' | awk '{ printf "%.2f\n", $1 / 1000 }')
read -r median min max < <(stats <<<"$tool_runs")
figure firewall.tools "the 4 iptables runs of one firewall check, real tools on the test bed" "$median" ms "median of 10, $min to $max ms; run from sh, as the agent starts them (fork and exec), no agent"

# ── 4. the daemon, idle ──────────────────────────────────────────────────────────────────
unit=cloudshark-hardening.service
say "the daemon: the packaged unit, idle for 60 s"
cp "$repo/systemd/$unit" "$APPLIANCE_ROOTFS/etc/systemd/system/$unit"
inside mkdir -p "/etc/systemd/system/$unit.d"
printf '[Service]\nExecStart=\nExecStart=%s\n' "$agent" >"$APPLIANCE_ROOTFS/etc/systemd/system/$unit.d/test-bed.conf"
inside systemctl daemon-reload
inside systemctl start "$unit"
[ "$(inside systemctl is-active "$unit")" = active ] || die "the daemon did not start"
sleep 5 # its first pass is done before READY=1; let its start-up threads settle
pid=$(inside systemctl show -p MainPID --value "$unit")
# Per thread: id, voluntary context switches, name. A voluntary switch is a thread going
# back to sleep after it woke, so their sum over a minute counts wake-ups (a proxy: a wake
# whose thread is preempted before it sleeps again is not told apart).
# shellcheck disable=SC2016 # expanded by the shell inside the appliance
threads() {
  inside sh -c 'for t in /proc/$1/task/*; do read -r comm <"$t/comm"
    echo "${t##*/} $(awk "/^voluntary_ctxt_switches/ { print \$2 }" "$t/status") $comm"; done' sh "$pid"
}
# shellcheck disable=SC2016 # awk's fields
ticks() { inside awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(inside getconf CLK_TCK)
threads_before=$(threads)
ticks_before=$(ticks)
sleep 60
ticks_after=$(ticks)
threads_after=$(threads)
# shellcheck disable=SC2016 # awk's fields
rss_kib=$(inside awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
# Wake-ups per thread name over the minute (a thread born in it counts from zero), and how
# many were in threads that serve neither the timer nor the watches: the runtime's own
# (finalizer, GC, tiered compilation). The socket thread reads D-Bus and inotify, the timer
# thread fires the interval and watchdog timers, the pool runs what those two wake.
woken=$(awk 'NR == FNR { before[$1] = $2; next }
  { n = $2 - ($1 in before ? before[$1] : 0); name = $3; for (i = 4; i <= NF; i++) name = name " " $i
    if (n <= 0) next
    by[name] += n; total += n
    if (name !~ /^\.NET (Sockets|Timer|TP Worker|TP Gate)$/ && name != "cloudshark-hard") beyond += n }
  END { printf "%d %d", total, beyond; for (k in by) printf "; %s %d", k, by[k]; print "" }' \
  <(echo "$threads_before") <(echo "$threads_after"))
read -r woken_total woken_beyond _ <<<"${woken%%;*}"
figure daemon.idle.rss "daemon after 60 s idle: RSS" "$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')" MiB "VmRSS; the packaged unit (WatchdogSec=10min), firewall off as the test bed configures"
figure daemon.idle.cpu "daemon over 60 s idle: CPU time" "$(( (ticks_after - ticks_before) * 1000 / hz ))" ms "utime+stime of all threads, in ${hz} Hz ticks"
figure daemon.idle.wakeups "daemon over 60 s idle: wake-ups" "$woken_total" count "voluntary context switches summed over its threads (a proxy); by thread: ${woken#*; }"
figure daemon.idle.wakeups-beyond "daemon over 60 s idle: wake-ups beyond its timer and watches" "$woken_beyond" count "the same, in threads other than the socket, timer and pool threads (finalizer, GC, JIT)"

# ── 5. the daemon's compliant pass, by its own clock ─────────────────────────────────────
say "the daemon's compliant pass, 10 times"
durations=()
for _ in $(seq 1 10); do
  last=$(inside sh -c 'grep -o "\"runId\": *\"[0-9a-f]*\"" /var/lib/cloudshark-hardening/last-run.json || true')
  # An unchanged rewrite: the watch wakes the daemon, the pass finds nothing to do.
  inside sh -c 'cat /etc/sysconfig/memcached >/tmp/bench.m && cat /tmp/bench.m >/etc/sysconfig/memcached'
  for _ in $(seq 1 100); do
    now=$(inside sh -c 'grep -o "\"runId\": *\"[0-9a-f]*\"" /var/lib/cloudshark-hardening/last-run.json || true')
    [ "$now" = "$last" ] || break
    sleep 0.05
  done
  [ "$now" != "$last" ] || die "the daemon ran no pass after a watched file was rewritten"
  durations+=("$(inside sh -c 'grep -o "\"durationMilliseconds\": *[0-9.]*" /var/lib/cloudshark-hardening/last-run.json | grep -o "[0-9.]*$"')")
  sleep 2
done
read -r median min max < <(printf '%s\n' "${durations[@]}" | stats)
figure daemon.pass "daemon's compliant pass (its report's durationMilliseconds)" "$median" ms "median of 10, $min to $max ms; 4 rules (firewall off), live checks over D-Bus and /proc"

# ── 6. drift repair ──────────────────────────────────────────────────────────────────────
# One sample inside the box: the clock starts just before the tampering write and stops when
# the file says -U 0 again, memcached is active and no socket is bound to UDP 11211 (0x2BCB).
# With $1 = restart, memcached is then restarted by hand, so it runs with UDP on and the
# repair must restart it. The daemon ($2) is paused from just before the write until
# memcached has its UDP socket: unpaused it sometimes puts the file back before memcached
# has read it, and that sample would need no restart. It sees every event on waking.
# Prints the microseconds to compliance, those until the daemon was let go (the tampering's
# own time: the hand restart), and whether the agent restarted memcached.
# shellcheck disable=SC2016 # expanded by the shell inside the appliance
drift_sample='f=/etc/sysconfig/memcached udp="grep -qi :2BCB\  /proc/net/udp /proc/net/udp6"
  [ "$1" = restart ] && kill -STOP "$2"
  s=$(date +%s%N)
  sed -i "s/^OPTIONS=.*/OPTIONS=\"-U 11211 -t 4\"/" $f
  if [ "$1" = restart ]; then
    systemctl restart memcached
    for i in $(seq 1 200); do eval "$udp" && break; sleep 0.01; done
    kill -CONT "$2"
  fi
  c=$(date +%s%N)
  inv=$(systemctl show -p InvocationID --value memcached)
  while ! { grep -q -- "-U 0" $f && [ "$(systemctl is-active memcached)" = active ] && ! eval "$udp"; }; do
    [ $(( ($(date +%s%N) - s) / 1000000 )) -lt 10000 ] || { echo "99999000 0 timeout"; exit 0; }
    sleep 0.02
  done
  e=$(date +%s%N)
  [ "$(systemctl show -p InvocationID --value memcached)" = "$inv" ] && again=no || again=yes
  echo "$(( (e - s) / 1000 )) $(( (c - s) / 1000 )) $again"'
# agent_restarts SINCE: from the daemon's journal since SINCE (epoch seconds), the
# milliseconds from each memcached file edit to its restart job's result, one a line.
agent_restarts() {
  inside journalctl -u "$unit" -o short-unix --since "@$1" --no-pager \
    | awk '/ memcached: edit / { t = $1 } / restart memcached\.service: / && t { printf "%.1f\n", ($1 - t) * 1000; t = 0 }'
}
# drift KIND ID TITLE PAUSE_S: 20 samples of one kind, their median and max as figures.
drift() {
  local kind=$1 id=$2 title=$3 pause=$4 latencies=() tampering=() after_wake=() restarts=0 us paused_us again median min max detail since restart_ms
  say "drift repair, $title: 20 times"
  since=$(inside date +%s)
  for i in $(seq 1 20); do
    # Apart, as a person's edits are: a contender is told apart by its rate (8 repairs in
    # 15 s), and systemd refuses a sixth start of memcached within 10 s.
    [ "$i" = 1 ] || sleep "$pause"
    read -r us paused_us again < <(inside sh -c "$drift_sample" sh "$kind" "$(inside systemctl show -p MainPID --value "$unit")")
    latencies+=("$(awk -v u="$us" 'BEGIN { printf "%.1f", u / 1000 }')")
    tampering+=("$(awk -v u="$paused_us" 'BEGIN { printf "%.1f", u / 1000 }')")
    after_wake+=("$(awk -v u="$us" -v p="$paused_us" 'BEGIN { printf "%.1f", (u - p) / 1000 }')")
    [ "$again" != yes ] || restarts=$((restarts + 1))
  done
  read -r median min max < <(printf '%s\n' "${latencies[@]}" | stats)
  detail="tamper write to verified compliance, 20 samples, $min to $max ms; the agent restarted memcached in $restarts"
  if [ "$kind" = restart ]; then
    restart_ms=$(agent_restarts "$since")
    [ -n "$restart_ms" ] && restart_ms="$(stats <<<"$restart_ms" | cut -d' ' -f1) ms" || restart_ms="not found in its log"
    detail+="; of it, medians: the tampering itself (hand restart until UDP was bound, daemon paused) $(printf '%s\n' "${tampering[@]}" | stats | cut -d' ' -f1) ms"
    detail+=", the agent's restart of memcached (its log: file written to unit active again) $restart_ms"
  fi
  figure "drift.$id.median" "drift repair, $title: median" "$median" ms "$detail"
  figure "drift.$id.max" "drift repair, $title: max" "$max" ms "$detail"
  if [ "$kind" = restart ]; then
    read -r median min max < <(printf '%s\n' "${after_wake[@]}" | stats)
    figure "drift.$id.after-wake" "drift repair, $title: from the daemon's wake to compliance, median" "$median" ms "the same samples less the tampering's own time (the daemon was paused through it), $min to $max ms"
  fi
}
drift restart memcached-udp "memcached UDP on (restart included)" 6
drift file memcached-file "memcached file only (memcached still hardened, no restart)" 3

appliance_teardown >/dev/null
trap - EXIT
mkdir -p "$(dirname "$out")"
{
  printf '{\n  "part": "appliance",\n  "measuredAt": "%s",\n  "loadAverage": "%s",\n  "figures": [\n' "$measured_at" "$load"
  final=$((${#figures[@]} - 1))
  for i in "${!figures[@]}"; do
    printf '    %s%s\n' "${figures[$i]}" "$([ "$i" -eq "$final" ] || echo ,)"
  done
  printf '  ]\n}\n'
} >"$out"
say "figures written to $out"
