#!/usr/bin/env bash
# Boots the CloudShark-like appliance: the cached root (build-root.sh) with fixture/ laid
# over it in an overlay, real systemd as PID 1 under systemd-nspawn, and a client network
# namespace joined to it by a veth pair, which plays the outside world.
#
# As a command (as root):
#   boot.sh up [--name NAME] [AGENT_DIR]   boot one, print its variables, leave it running
#   boot.sh reboot DIR                     power it off and boot it again from the same disk
#   boot.sh down DIR                       tear down the appliance whose APPLIANCE_DIR is DIR
#   boot.sh down --all                     tear down every appliance left in $APPLIANCE_RUN_BASE
# As a library (source it; it leaves the caller's shell options alone):
#   appliance_boot [AGENT_DIR]   boot one and export the variables below (its name starts
#                                with $APPLIANCE_NAME_PREFIX, default cshtb, so a caller's boxes are told apart)
#   appliance_exec CMD...        run CMD inside the appliance (all of its namespaces)
#   client_exec CMD...           run CMD in the client namespace (host binaries, client network)
#   appliance_reboot             power it off and boot it again from the same disk (re-exports)
#   appliance_teardown           stop it and remove everything it made
#
# Variables (KEY=value lines, `source`-able): APPLIANCE_NAME, APPLIANCE_DIR (state
# directory), APPLIANCE_PID (the container's PID 1 as the host sees it),
# APPLIANCE_NSPAWN_PID, APPLIANCE_ROOTFS (its / seen from the host), APPLIANCE_NETNS (the
# client namespace), APPLIANCE_ADDR4/6 and CLIENT_ADDR4/6 (the two ends of the veth pair),
# APPLIANCE_CONSOLE (boot log), APPLIANCE_BOOT_MS.
# AGENT_DIR, when given, is bound read-only at /opt/cloudshark-hardening inside.
# APPLIANCE_PREPARE, when set, names a host program run with the box's root directory as its
# argument after the fixture is laid and before the first boot.

APPLIANCE_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$APPLIANCE_HERE/lib.sh"
# shellcheck source-path=SCRIPTDIR source=boot-steps.sh
source "$APPLIANCE_HERE/boot-steps.sh"

# The veth pair lives only in the two namespaces made here, so these private addresses
# never meet a network of the host.
APPLIANCE_ADDR4=10.213.0.1
CLIENT_ADDR4=10.213.0.2
APPLIANCE_ADDR6=fd00:c5:213::1
CLIENT_ADDR6=fd00:c5:213::2
PREFIX4=24
PREFIX6=64

# ---- library ----------------------------------------------------------------------------

# The work runs in a boot.sh process of its own, so strict error handling holds there
# whatever the caller's shell options are; the name is chosen first so that a caller
# interrupted mid-boot can still tear down.
appliance_boot() {
  local out line
  APPLIANCE_NAME=${APPLIANCE_NAME_PREFIX:-cshtb}-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
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

appliance_reboot() {
  local out line
  out=$("$APPLIANCE_HERE/boot.sh" reboot "$APPLIANCE_DIR") || return 1
  while IFS= read -r line; do
    [ -n "$line" ] && eval "export $line"
  done <<<"$out"
}

appliance_teardown() {
  [ -n "${APPLIANCE_DIR:-}" ] || return 0
  "$APPLIANCE_HERE/boot.sh" down "$APPLIANCE_DIR"
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
    reboot)
      [ $# -eq 2 ] || die "usage: boot.sh reboot DIR"
      reboot_box "$2"
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
    *) die "usage: boot.sh up [--name NAME] [AGENT_DIR] | boot.sh reboot DIR | boot.sh down DIR|--all (or source it)" ;;
  esac
fi
