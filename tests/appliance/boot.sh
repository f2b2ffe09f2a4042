#!/usr/bin/env bash
# Boots the CloudShark-like appliance: the cached root (build-root.sh) with fixture/ laid
# over it in an overlay, real systemd as PID 1 under systemd-nspawn, and a client network
# namespace joined to it by a veth pair, which plays the outside world.
#
# As a command (as root):
#   boot.sh up [--name NAME] [AGENT_DIR]   boot one, print its variables, leave it running
#   boot.sh down DIR                       tear down the appliance whose APPLIANCE_DIR is DIR
#   boot.sh down --all                     tear down every appliance left in $APPLIANCE_RUN_BASE
# As a library (source it; it leaves the caller's shell options alone):
#   appliance_boot [AGENT_DIR]   boot one and export the variables below
#   appliance_exec CMD...        run CMD inside the appliance (all of its namespaces)
#   client_exec CMD...           run CMD in the client namespace (host binaries, client network)
#   appliance_teardown           stop it and remove everything it made
#
# Variables (KEY=value lines, `source`-able): APPLIANCE_NAME, APPLIANCE_DIR (state
# directory), APPLIANCE_PID (the container's PID 1 as the host sees it),
# APPLIANCE_NSPAWN_PID, APPLIANCE_ROOTFS (its / seen from the host), APPLIANCE_NETNS (the
# client namespace), APPLIANCE_ADDR4/6 and CLIENT_ADDR4/6 (the two ends of the veth pair),
# APPLIANCE_CONSOLE (boot log), APPLIANCE_BOOT_MS.
# AGENT_DIR, when given, is bound read-only at /opt/cloudshark-hardening inside.

APPLIANCE_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$APPLIANCE_HERE/lib.sh"

# The veth pair lives only in the two namespaces made here, so these private addresses
# never meet a network of the host.
APPLIANCE_ADDR4=10.213.0.1
CLIENT_ADDR4=10.213.0.2
APPLIANCE_ADDR6=fd00:c5:213::1
CLIENT_ADDR6=fd00:c5:213::2
PREFIX4=24
PREFIX6=64
# The TCP ports the fixture listens on once it has booted, still unhardened.
READY_PORTS=(80 443 3306 11211)
BOOT_TIMEOUT_S=${APPLIANCE_BOOT_TIMEOUT:-180}
STATE_VARS=(APPLIANCE_NAME APPLIANCE_DIR APPLIANCE_CONSOLE APPLIANCE_NSPAWN_PID APPLIANCE_NSPAWN_START
  APPLIANCE_PID APPLIANCE_ROOTFS APPLIANCE_NETNS APPLIANCE_NETNS_DIR_OURS
  APPLIANCE_ADDR4 APPLIANCE_ADDR6 CLIENT_ADDR4 CLIENT_ADDR6 APPLIANCE_BOOT_MS)

# ---- library ---------------------------------------------------------------------------

# The work runs in a boot.sh process of its own, so strict error handling holds there
# whatever the caller's shell options are; the name is chosen first so that a caller
# interrupted mid-boot can still tear down.
appliance_boot() {
  local out line
  APPLIANCE_NAME=cshtb-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  APPLIANCE_DIR=$APPLIANCE_RUN_BASE/$APPLIANCE_NAME
  export APPLIANCE_NAME APPLIANCE_DIR
  out=$("$APPLIANCE_HERE/boot.sh" up --name "$APPLIANCE_NAME" "${1:-}") || return 1
  while IFS= read -r line; do
    [ -n "$line" ] && eval "export $line"
  done <<<"$out"
}

appliance_exec() {
  nsenter -t "$APPLIANCE_PID" -a \
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"
}

client_exec() {
  ip netns exec "$APPLIANCE_NETNS" "$@"
}

appliance_teardown() {
  [ -n "${APPLIANCE_DIR:-}" ] || return 0
  "$APPLIANCE_HERE/boot.sh" down "$APPLIANCE_DIR"
}

# ---- the steps, run by `boot.sh up` / `boot.sh down` -----------------------------------

save_state() {
  local var
  for var in "${STATE_VARS[@]}"; do
    printf '%s=%q\n' "$var" "${!var:-}"
  done >"$APPLIANCE_DIR/env"
}

# The 22nd field of /proc/PID/stat: with the pid it names one process for good, so a
# recycled pid is never signalled by mistake.
process_start_time() {
  local stat fields
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # Split after the ")" that ends the command name, which may itself hold spaces.
  read -ra fields <<<"${stat##*) }"
  printf '%s\n' "${fields[19]}"
}

nspawn_alive() {
  [ -n "${APPLIANCE_NSPAWN_PID:-}" ] || return 1
  [ "$(process_start_time "$APPLIANCE_NSPAWN_PID")" = "$APPLIANCE_NSPAWN_START" ] || return 1
  ! grep -q '^State:[[:space:]]*Z' "/proc/$APPLIANCE_NSPAWN_PID/status" 2>/dev/null
}

start_container() {
  local lower=$1 agent=$2
  say "starting systemd-nspawn for $APPLIANCE_NAME (boot log: $APPLIANCE_CONSOLE)"
  # A session of its own keeps a Ctrl-C aimed at the caller away from the container; the
  # private mount namespace holds the overlay, which therefore cannot outlive nspawn.
  setsid unshare --mount --propagation private -- \
    "$BASH" "$APPLIANCE_HERE/boot.sh" __container "$APPLIANCE_DIR" "$lower" "$APPLIANCE_NAME" "$agent" \
    </dev/null >"$APPLIANCE_CONSOLE" 2>&1 &
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
wait_for_pid1() {
  local deadline=$1 child children
  while [ "$SECONDS" -lt "$deadline" ]; do
    nspawn_alive || fail_boot "systemd-nspawn exited during boot"
    if [ "$(cat "/proc/$APPLIANCE_NSPAWN_PID/comm")" = systemd-nspawn ]; then
      read -ra children <"/proc/$APPLIANCE_NSPAWN_PID/task/$APPLIANCE_NSPAWN_PID/children" || true
      for child in "${children[@]}"; do
        if grep -qE '^NSpid:[[:space:]]+[0-9]+[[:space:]]+1$' "/proc/$child/status" 2>/dev/null; then
          APPLIANCE_PID=$child
          APPLIANCE_ROOTFS=/proc/$child/root
          save_state
          return 0
        fi
      done
    fi
    sleep 0.1
  done
  fail_boot "no container PID 1 after ${BOOT_TIMEOUT_S}s"
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
  state=$(timeout $((deadline - SECONDS)) nsenter -t "$APPLIANCE_PID" -a systemctl is-system-running --wait) || true
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
  APPLIANCE_NETNS=$APPLIANCE_NAME
  if [ -d /run/netns ] && mountpoint -q /run/netns; then
    APPLIANCE_NETNS_DIR_OURS=
  elif [ -d /run/netns ]; then
    APPLIANCE_NETNS_DIR_OURS=mount
  else
    APPLIANCE_NETNS_DIR_OURS=dir
  fi
  say "client namespace $APPLIANCE_NETNS: $CLIENT_ADDR4, $CLIENT_ADDR6 <-> appliance $APPLIANCE_ADDR4, $APPLIANCE_ADDR6"
  ip netns add "$APPLIANCE_NETNS"
  save_state
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
wait_for_ports() {
  local deadline=$((SECONDS + 60)) port listening missing
  while :; do
    listening=$(nsenter -t "$APPLIANCE_PID" -n ss -Hltn | awk '{print $4}')
    missing=()
    for port in "${READY_PORTS[@]}"; do
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
  save_state
  # Whatever step fails, what was made so far is taken down again.
  trap 'teardown "$APPLIANCE_DIR"' EXIT

  started=$(now_ms)
  start_container "$lower" "$agent"
  wait_until_booted
  connect_client
  wait_for_ports
  APPLIANCE_BOOT_MS=$(( $(now_ms) - started ))
  save_state
  trap - EXIT
  say "$APPLIANCE_NAME is up in $APPLIANCE_BOOT_MS ms"
}

stop_container() {
  local waited
  nspawn_alive || return 0
  say "powering off $APPLIANCE_NAME"
  [ -n "${APPLIANCE_PID:-}" ] && nsenter -t "$APPLIANCE_PID" -a systemctl poweroff --no-block 2>/dev/null
  for signal in none TERM KILL; do
    [ "$signal" = none ] || { say "nspawn still running; sending SIG$signal"; kill -s "$signal" "$APPLIANCE_NSPAWN_PID"; }
    for ((waited = 0; waited < 300; waited++)); do
      nspawn_alive || return 0
      sleep 0.1
    done
  done
  say "WARNING: systemd-nspawn $APPLIANCE_NSPAWN_PID would not stop"
}

disconnect_client() {
  if [ -n "${APPLIANCE_NETNS:-}" ] && [ -e "/run/netns/$APPLIANCE_NETNS" ]; then
    ip netns delete "$APPLIANCE_NETNS"
  fi
  # Put /run/netns back as it was, unless another namespace lives there now.
  if [ -n "${APPLIANCE_NETNS_DIR_OURS:-}" ] && [ -d /run/netns ] && [ -z "$(ls -A /run/netns)" ]; then
    mountpoint -q /run/netns && umount /run/netns
    [ "$APPLIANCE_NETNS_DIR_OURS" = dir ] && rmdir /run/netns
  fi
}

# Best effort throughout: every step runs even if an earlier one failed.
teardown() (
  set +e
  local dir=$1 line
  [ -f "$dir/env" ] || exit 0
  while IFS= read -r line; do eval "$line"; done <"$dir/env"
  say "tearing down $APPLIANCE_NAME"
  stop_container
  disconnect_client
  remove_nspawn_leftovers "$APPLIANCE_NAME"
  if grep -qF " $dir/" /proc/self/mountinfo; then
    say "WARNING: not deleting $dir: something is still mounted inside it"
    exit 1
  fi
  rm -rf --one-file-system "$dir"
  rmdir "$APPLIANCE_RUN_BASE" 2>/dev/null
  exit 0
)

# Runs as the new process in its private mount namespace: mounts the overlay, lays the
# fixture on it, then becomes nspawn.
container_main() {
  local dir=$1 lower=$2 name=$3 agent=$4 binds=()
  mkdir -p "$dir/upper" "$dir/work" "$dir/root"
  if ! mount -t overlay overlay -o "lowerdir=$lower,upperdir=$dir/upper,workdir=$dir/work" "$dir/root"; then
    say "overlayfs unavailable; copying the root instead (slower)"
    cp -a --reflink=auto "$lower/." "$dir/root/"
  fi
  tar -C "$APPLIANCE_HERE/fixture/root" --owner=0 --group=0 -cf - . | tar -C "$dir/root" --no-overwrite-dir -xf -
  chroot "$dir/root" /bin/sh <"$APPLIANCE_HERE/fixture/setup.sh"
  [ -z "$agent" ] || binds=("--bind-ro=$agent:/opt/cloudshark-hardening")
  # --link-journal=no: nothing of the container goes into the host's /var/log/journal.
  # systemd.firstboot=0: no first-boot questions waiting for a person at the console.
  exec systemd-nspawn -D "$dir/root" -b --private-network --register=no --keep-unit -M "$name" \
    --console=read-only --link-journal=no "${binds[@]}" -- systemd.firstboot=0 systemd.log_color=0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    up)
      shift
      APPLIANCE_NAME=cshtb-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
      if [ "${1:-}" = --name ]; then APPLIANCE_NAME=${2:?--name needs a value}; shift 2; fi
      boot_up "${1:-}"
      cat "$APPLIANCE_DIR/env"
      ;;
    down)
      [ $# -eq 2 ] || die "usage: boot.sh down DIR|--all"
      if [ "$2" = --all ]; then
        for env in "$APPLIANCE_RUN_BASE"/*/env; do
          if [ -f "$env" ]; then teardown "$(dirname "$env")"; fi
        done
      else
        teardown "$2"
      fi
      ;;
    __container) shift; container_main "$@" ;;
    *) die "usage: boot.sh up [--name NAME] [AGENT_DIR] | boot.sh down DIR|--all (or source it)" ;;
  esac
fi
