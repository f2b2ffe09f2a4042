# shellcheck shell=bash
# The steps behind `boot.sh up` and `boot.sh down`, each run in a boot.sh process of its
# own with strict error handling. Sourced by boot.sh, never run.

# The TCP ports the fixture listens on once it has booted, still unhardened.
READY_PORTS=(80 443 3306 11211)
# After a reboot only cloudshark's are certain: a hardened box keeps 3306 off TCP. So too
# at the first boot of a disk prepared with APPLIANCE_PREPARE, which may harden at boot.
REBOOT_READY_PORTS=(80 443)
BOOT_TIMEOUT_S=${APPLIANCE_BOOT_TIMEOUT:-180}
RUN_NETNS_MARKER=$APPLIANCE_RUN_BASE/run-netns-made-by-test-bed
STATE_VARS=(APPLIANCE_NAME APPLIANCE_DIR APPLIANCE_CONSOLE APPLIANCE_BOOTER_PID APPLIANCE_BOOTER_START
  APPLIANCE_NSPAWN_PID APPLIANCE_NSPAWN_START APPLIANCE_NSPAWN_LOCK APPLIANCE_PID APPLIANCE_PID_START
  APPLIANCE_ROOTFS APPLIANCE_NETNS APPLIANCE_LOWER APPLIANCE_AGENT
  APPLIANCE_ADDR4 APPLIANCE_ADDR6 CLIENT_ADDR4 CLIENT_ADDR6 APPLIANCE_BOOT_MS)

save_state() {
  local var
  for var in "${STATE_VARS[@]}"; do
    printf '%s=%q\n' "$var" "${!var:-}"
  done >"$APPLIANCE_DIR/env"
}

nspawn_alive() {
  process_alive "${APPLIANCE_NSPAWN_PID:-}" "${APPLIANCE_NSPAWN_START:-}"
}

pid1_alive() {
  process_alive "${APPLIANCE_PID:-}" "${APPLIANCE_PID_START:-}"
}

start_container() {
  local lower=$1 agent=$2
  say "starting systemd-nspawn for $APPLIANCE_NAME (boot log: $APPLIANCE_CONSOLE)"
  # A session of its own keeps a Ctrl-C aimed at the caller away from the container; the
  # private mount namespace holds the overlay, which therefore cannot outlive nspawn.
  setsid unshare --mount --propagation private -- \
    "$BASH" "$APPLIANCE_HERE/boot.sh" __container "$APPLIANCE_DIR" "$lower" "$APPLIANCE_NAME" "$agent" \
    </dev/null >>"$APPLIANCE_CONSOLE" 2>&1 &
  APPLIANCE_NSPAWN_PID=$!
  APPLIANCE_NSPAWN_START=$(process_start_time "$APPLIANCE_NSPAWN_PID")
  save_state
}

fail_boot() {
  say "boot log (last lines of $APPLIANCE_CONSOLE):"
  tail -n 25 "$APPLIANCE_CONSOLE" >&2 || true
  die "$*"
}

# The container's PID 1 is the child of nspawn that is pid 1 in its own pid namespace.
find_pid1() {
  local child children=()
  [ "$(cat "/proc/$APPLIANCE_NSPAWN_PID/comm" 2>/dev/null)" = systemd-nspawn ] || return 1
  # The file has no final newline, so read reports end of file even when it read pids.
  read -ra children <"/proc/$APPLIANCE_NSPAWN_PID/task/$APPLIANCE_NSPAWN_PID/children" || true
  for child in "${children[@]}"; do
    if grep -qE '^NSpid:[[:space:]]+[0-9]+[[:space:]]+1$' "/proc/$child/status" 2>/dev/null; then
      APPLIANCE_PID=$child
      APPLIANCE_PID_START=$(process_start_time "$child")
      APPLIANCE_ROOTFS=/proc/$child/root
      return 0
    fi
  done
  return 1
}

wait_for_pid1() {
  local deadline=$1
  until find_pid1; do
    nspawn_alive || fail_boot "systemd-nspawn exited during boot"
    [ "$SECONDS" -lt "$deadline" ] || fail_boot "no container PID 1 after ${BOOT_TIMEOUT_S}s"
    sleep 0.1
  done
  # nspawn's lock on the root it runs, named after that directory's device and inode. It
  # stays behind if nspawn itself is killed.
  APPLIANCE_NSPAWN_LOCK=/run/systemd/nspawn/locks/inode-$(stat -L -c '%d:%i' "$APPLIANCE_ROOTFS/")
  save_state
}

wait_until_booted() {
  local deadline=$((SECONDS + BOOT_TIMEOUT_S)) state
  wait_for_pid1 "$deadline"
  # systemctl needs PID 1's private socket; before it exists it would fail, not wait.
  until [ -S "$APPLIANCE_ROOTFS/run/systemd/private" ]; do
    nspawn_alive || fail_boot "systemd-nspawn exited during boot"
    [ "$SECONDS" -lt "$deadline" ] || fail_boot "systemd did not come up in ${BOOT_TIMEOUT_S}s"
    sleep 0.1
  done
  # At least 1 s: timeout 0 would mean no limit at all.
  state=$(timeout $((deadline - SECONDS > 0 ? deadline - SECONDS : 1)) nsenter -t "$APPLIANCE_PID" -a systemctl is-system-running --wait) || true
  case "$state" in
    running) ;;
    degraded)
      say "booted degraded; failed units:"
      nsenter -t "$APPLIANCE_PID" -a systemctl --failed --no-legend --plain >&2 || true
      ;;
    *) fail_boot "the system is '$state' instead of running" ;;
  esac
}

# Creates the client namespace with one end of a veth pair; the other end goes straight
# into the container's namespace, so no interface ever appears in the host's.
connect_client() {
  local lock
  APPLIANCE_NETNS=$APPLIANCE_NAME
  say "client namespace $APPLIANCE_NETNS: $CLIENT_ADDR4, $CLIENT_ADDR6 <-> appliance $APPLIANCE_ADDR4, $APPLIANCE_ADDR6"
  # `ip netns add` makes /run/netns, a mount point, when it is missing. The first boot to
  # cause that notes it, so the last teardown can put /run/netns back as it was.
  exec {lock}<"$APPLIANCE_RUN_BASE"
  flock "$lock"
  if [ ! -e "$RUN_NETNS_MARKER" ]; then
    if [ ! -d /run/netns ]; then
      echo dir >"$RUN_NETNS_MARKER"
    elif ! mountpoint -q /run/netns; then
      echo mount >"$RUN_NETNS_MARKER"
    fi
  fi
  ip netns add "$APPLIANCE_NETNS"
  save_state
  exec {lock}<&-
  link_client
}

# The veth pair between the client namespace and the box; it dies with the box's network
# namespace, so a reboot makes it again.
link_client() {
  ip -n "$APPLIANCE_NETNS" link add client0 type veth peer name host0 netns "$APPLIANCE_PID"
  ip -n "$APPLIANCE_NETNS" link set lo up
  # nodad: both ends are new and alone on the link; duplicate detection would only delay.
  ip -n "$APPLIANCE_NETNS" addr add "$CLIENT_ADDR4/$PREFIX4" dev client0
  ip -n "$APPLIANCE_NETNS" addr add "$CLIENT_ADDR6/$PREFIX6" dev client0 nodad
  ip -n "$APPLIANCE_NETNS" link set client0 up
  nsenter -t "$APPLIANCE_PID" -n ip addr add "$APPLIANCE_ADDR4/$PREFIX4" dev host0
  nsenter -t "$APPLIANCE_PID" -n ip addr add "$APPLIANCE_ADDR6/$PREFIX6" dev host0 nodad
  nsenter -t "$APPLIANCE_PID" -n ip link set host0 up
}

# systemd reports "running" once its jobs are done; a listener may still be a moment away.
#   wait_for_ports PORT...
wait_for_ports() {
  local deadline=$((SECONDS + 60)) port listening missing
  while :; do
    listening=$(nsenter -t "$APPLIANCE_PID" -n ss -Hltn | awk '{print $4}')
    missing=()
    for port in "$@"; do
      grep -qE ":$port\$" <<<"$listening" || missing+=("$port")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$SECONDS" -lt "$deadline" ] || fail_boot "nothing listens on TCP ${missing[*]} inside the appliance"
    sleep 0.2
  done
}

boot_up() {
  local agent=$1 lower started
  [ "$(id -u)" -eq 0 ] || die "the appliance boots as root only"
  [ -z "$agent" ] || [ -d "$agent" ] || die "agent directory $agent does not exist"
  [[ "$APPLIANCE_NAME" =~ ^[a-z0-9][a-z0-9-]{0,40}$ ]] || die "bad appliance name '$APPLIANCE_NAME'"
  need_host_command systemd-nspawn systemd-container ip iproute2 ss iproute2 nsenter util-linux
  lower=$("$APPLIANCE_HERE/build-root.sh")

  APPLIANCE_DIR=$APPLIANCE_RUN_BASE/$APPLIANCE_NAME
  APPLIANCE_CONSOLE=$APPLIANCE_DIR/console.log
  [ ! -e "$APPLIANCE_DIR" ] || die "$APPLIANCE_DIR already exists"
  mkdir -p "$APPLIANCE_DIR"
  # Recorded so that a teardown started elsewhere (the caller was interrupted) can stop
  # this boot first instead of racing it.
  APPLIANCE_BOOTER_PID=$$
  APPLIANCE_BOOTER_START=$(process_start_time $$)
  save_state
  # Whatever step fails, or a signal, what was made so far is taken down again.
  trap 'teardown "$APPLIANCE_DIR"' EXIT

  APPLIANCE_LOWER=$lower
  APPLIANCE_AGENT=$agent
  started=$(now_ms)
  start_container "$lower" "$agent"
  wait_until_booted
  connect_client
  if [ -n "${APPLIANCE_PREPARE:-}" ]; then
    wait_for_ports "${REBOOT_READY_PORTS[@]}"
  else
    wait_for_ports "${READY_PORTS[@]}"
  fi
  APPLIANCE_BOOT_MS=$(( $(now_ms) - started ))
  save_state
  trap - EXIT
  say "$APPLIANCE_NAME is up in $APPLIANCE_BOOT_MS ms"
}

# Powers the box off and boots it again from the same disk, as a power cycle would: what
# the box wrote (the overlay's upper directory, or the copy) survives and the fixture is
# not laid again. The client namespace stays; the veth pair is made again. On failure the
# box is torn down, as a failed first boot is.
reboot_box() {
  local dir=$1 started
  load_state "$dir"
  [ -e "$dir/laid-out" ] || die "$APPLIANCE_NAME never finished its first boot"
  say "rebooting $APPLIANCE_NAME from the same disk"
  stop_container || die "$APPLIANCE_NAME would not stop for the reboot"
  remove_nspawn_leftovers "$APPLIANCE_NAME" "${APPLIANCE_NSPAWN_LOCK:-}"
  APPLIANCE_BOOTER_PID=$$
  APPLIANCE_BOOTER_START=$(process_start_time $$)
  save_state
  trap 'teardown "$APPLIANCE_DIR"' EXIT
  started=$(now_ms)
  start_container "$APPLIANCE_LOWER" "$APPLIANCE_AGENT"
  wait_until_booted
  # The old pair goes when the kernel frees the old network namespace, a moment after.
  local tenths=100
  while ip -n "$APPLIANCE_NETNS" link show client0 >/dev/null 2>&1; do
    [ "$tenths" -gt 0 ] || die "the veth pair of the previous boot is still there"
    tenths=$((tenths - 1))
    sleep 0.1
  done
  link_client
  wait_for_ports "${REBOOT_READY_PORTS[@]}"
  APPLIANCE_BOOT_MS=$(( $(now_ms) - started ))
  save_state
  trap - EXIT
  say "$APPLIANCE_NAME is up again in $APPLIANCE_BOOT_MS ms"
}

# nsenter waits in the host for the process it started inside, and stops itself whenever
# that process stops. systemd-shutdown stops every process in the container (SIGSTOP, then
# the signal, then SIGCONT), so an nsenter caught by that (a test's command, or boot's
# own wait) stays stopped, never collects its child, and the container's pid namespace
# can never finish dying: even SIGKILL to its PID 1 would not help. Continue those.
continue_stopped_nsenters() {
  local ns line pid parent
  ns=$(stat -L -c %i "/proc/$APPLIANCE_PID/ns/pid" 2>/dev/null) || return 0
  while read -r line; do
    pid=${line#* /proc/}
    pid=${pid%%/*}
    parent=$(awk '/^PPid:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || continue
    if [ "$(cat "/proc/$parent/comm" 2>/dev/null)" = nsenter ] \
      && grep -q '^State:[[:space:]]*T' "/proc/$parent/status" 2>/dev/null; then
      kill -s CONT "$parent" 2>/dev/null
    fi
  done < <(stat -L -c '%i %n' /proc/[0-9]*/ns/pid 2>/dev/null | grep "^$ns ")
}

# True once both nspawn and the container's PID 1 have gone, within SECONDS seconds.
container_gone_within() {
  local deadline=$((SECONDS + $1)) polls=0
  while nspawn_alive || pid1_alive; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    polls=$((polls + 1))
    [ $((polls % 5)) -ne 0 ] || continue_stopped_nsenters
    sleep 0.1
  done
}

# A booted system is powered off from inside; one still starting gets SIGTERM through
# nspawn, which passes it on to PID 1 as a shutdown request. A container that will not go is killed
# through its PID 1, which takes its whole pid namespace along (killing only nspawn would
# orphan it). Seen when the box is stopped while MariaDB is still starting: mariadbd did
# not stop, and Debian's mariadb.service waits 15 minutes and never sends SIGKILL.
stop_container() {
  nspawn_alive || pid1_alive || return 0
  pid1_alive || { nspawn_alive && find_pid1; }
  say "powering off $APPLIANCE_NAME"
  # systemctl cannot reach a PID 1 still starting up; nspawn's SIGTERM always can.
  if ! { pid1_alive && nsenter -t "$APPLIANCE_PID" -a systemctl poweroff --no-block 2>/dev/null; }; then
    kill -s TERM "$APPLIANCE_NSPAWN_PID" 2>/dev/null
  fi
  container_gone_within 15 && return 0
  say "$APPLIANCE_NAME did not stop in 15 s; killing it"
  pid1_alive && kill -s KILL "$APPLIANCE_PID"
  container_gone_within 10 && return 0
  nspawn_alive && kill -s KILL "$APPLIANCE_NSPAWN_PID"
  container_gone_within 5
}

# Waits for an unfinished `boot.sh up` of this appliance to take it down itself.
stop_booter() {
  [ "${APPLIANCE_BOOTER_PID:-}" != "$$" ] || return 0
  process_alive "${APPLIANCE_BOOTER_PID:-}" "${APPLIANCE_BOOTER_START:-}" || return 0
  say "stopping the unfinished boot of $APPLIANCE_NAME"
  kill -s TERM "$APPLIANCE_BOOTER_PID"
  local tenths=600
  while process_alive "$APPLIANCE_BOOTER_PID" "$APPLIANCE_BOOTER_START" && [ "$tenths" -gt 0 ]; do
    sleep 0.1
    tenths=$((tenths - 1))
  done
}

disconnect_client() {
  local lock
  exec {lock}<"$APPLIANCE_RUN_BASE"
  flock "$lock"
  if [ -n "${APPLIANCE_NETNS:-}" ] && [ -e "/run/netns/$APPLIANCE_NETNS" ]; then
    ip netns delete "$APPLIANCE_NETNS"
  fi
  # Put /run/netns back as it was, once no namespace lives there any more.
  if [ -f "$RUN_NETNS_MARKER" ] && [ -d /run/netns ] && [ -z "$(ls -A /run/netns)" ]; then
    mountpoint -q /run/netns && umount /run/netns
    [ "$(cat "$RUN_NETNS_MARKER")" = dir ] && rmdir /run/netns
    rm -f "$RUN_NETNS_MARKER"
  fi
  exec {lock}<&-
}

# Best effort throughout: every step runs even if an earlier one failed. The state
# directory is kept when the container would not stop, because its root is in it.
teardown() (
  set +e
  local dir=$1 lock
  [ -f "$dir/env" ] || exit 0
  load_state "$dir"
  stop_booter
  # One teardown at a time; a second one finds the work done.
  exec {lock}<"$dir" || exit 0
  flock "$lock"
  [ -f "$dir/env" ] || exit 0
  load_state "$dir"
  say "tearing down $APPLIANCE_NAME"
  if ! stop_container; then
    say "WARNING: $APPLIANCE_NAME (nspawn $APPLIANCE_NSPAWN_PID, PID 1 $APPLIANCE_PID) would not stop; $dir kept"
    exit 1
  fi
  disconnect_client
  remove_nspawn_leftovers "$APPLIANCE_NAME" "${APPLIANCE_NSPAWN_LOCK:-}"
  remove_own_cgroups "$dir"
  if grep -qF " $dir/" /proc/self/mountinfo; then
    say "WARNING: not deleting $dir: something is still mounted inside it"
    exit 1
  fi
  rm -rf --one-file-system "$dir"
  rmdir "$APPLIANCE_RUN_BASE" 2>/dev/null
  exit 0
)

load_state() {
  local line
  while IFS= read -r line; do eval "$line"; done <"$1/env"
}

# nspawn, with no systemd on the host to give it a unit, puts the container in a "payload"
# cgroup below its own. Boxes started from one host cgroup would share that payload, and
# each box's systemd would see the other's processes in its units (systemctl kill then fails
# with EIO on the ones outside its pid namespace). So the process about to become nspawn
# moves into cgroups of its own, named after the box, in the hierarchies systemd uses (the
# unified one, and the legacy name=systemd one on a hybrid host). Their paths go in
# DIR/cgroups for teardown.
enter_own_cgroups() {
  local dir=$1 name=$2 mountpoint fstype options current group
  : >"$dir/cgroups"
  while read -r mountpoint fstype options; do
    if [ "$fstype" = cgroup2 ]; then
      current=$(sed -n 's/^0::\(.*\)$/\1/p' /proc/self/cgroup)
    elif [ "$fstype" = cgroup ] && [[ ",$options," == *,name=systemd,* ]]; then
      current=$(sed -n 's/^[0-9]*:name=systemd:\(.*\)$/\1/p' /proc/self/cgroup)
    else
      continue
    fi
    [ -n "$current" ] || continue
    group=$mountpoint${current%/}/$name
    mkdir -p "$group" && echo "$BASHPID" >"$group/cgroup.procs" && echo "$group" >>"$dir/cgroups"
  done < <(awk '{ for (i = 7; i <= NF; i++) if ($i == "-") { print $5, $(i + 1), $(i + 3); break } }' /proc/self/mountinfo)
}

# Removes the cgroups enter_own_cgroups made, deepest first, once nothing runs in them.
remove_own_cgroups() {
  local dir=$1 group
  [ -f "$dir/cgroups" ] || return 0
  while IFS= read -r group; do
    [ -d "$group" ] && find "$group" -depth -type d -exec rmdir {} + 2>/dev/null
  done <"$dir/cgroups"
  return 0
}

# Runs as the new process in its private mount namespace: mounts the overlay, lays the
# fixture on it (first boot only: a reboot finds its own disk as it left it), then
# becomes nspawn.
container_main() {
  local dir=$1 lower=$2 name=$3 agent=$4 binds=()
  mkdir -p "$dir/upper" "$dir/work" "$dir/root"
  if [ -e "$dir/copied" ]; then
    : # the copy made at first boot is this box's disk
  elif ! mount -t overlay overlay -o "lowerdir=$lower,upperdir=$dir/upper,workdir=$dir/work" "$dir/root"; then
    [ ! -e "$dir/laid-out" ] || die "overlayfs refused the upper directory of the first boot"
    say "overlayfs unavailable; copying the root instead (slower)"
    cp -a --reflink=auto "$lower/." "$dir/root/"
    touch "$dir/copied"
  fi
  if [ ! -e "$dir/laid-out" ]; then
    tar -C "$APPLIANCE_HERE/fixture/root" --owner=0 --group=0 -cf - . | tar -C "$dir/root" --no-overwrite-dir -xf -
    chroot "$dir/root" /bin/sh <"$APPLIANCE_HERE/fixture/setup.sh"
    # A suite's own work on the disk before the first boot, as an image build would do it
    # (packaging-suite.sh installs the RPM offline here): a host program given the root.
    if [ -n "${APPLIANCE_PREPARE:-}" ]; then
      "$APPLIANCE_PREPARE" "$dir/root" || die "$APPLIANCE_PREPARE failed on the root before boot"
    fi
    touch "$dir/laid-out"
  fi
  enter_own_cgroups "$dir" "$name"
  [ -z "$agent" ] || binds=("--bind-ro=$agent:/opt/cloudshark-hardening")
  # --link-journal=no: nothing of the container goes into the host's /var/log/journal.
  # systemd.firstboot=0: no first-boot questions waiting for a person at the console.
  exec systemd-nspawn -D "$dir/root" -b --private-network --register=no --keep-unit -M "$name" \
    --console=read-only --link-journal=no "${binds[@]}" -- systemd.firstboot=0 systemd.log_color=0
}

