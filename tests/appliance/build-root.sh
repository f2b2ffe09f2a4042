#!/usr/bin/env bash
# Builds, once per machine, the Debian 12 root the appliance test bed boots: debootstrap
# minbase plus systemd, D-Bus, memcached, MariaDB and the network tools (lib.sh lists
# them). The root is cached outside the repository under a name that hashes the suite,
# the package list and this script, so later runs reuse it at once. Prints its path.
#
# Usage: build-root.sh            (as root; needs the network on the first run only)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

[ "$(id -u)" -eq 0 ] || die "build-root.sh must run as root (debootstrap, chroot)"

cache=$(appliance_root_path)
if [ -d "$cache/root" ]; then
  say "cached root: $cache/root"
  printf '%s\n' "$cache/root"
  exit 0
fi

need_host_command debootstrap debootstrap systemd-nspawn systemd-container flock util-linux
mkdir -p "$APPLIANCE_CACHE_BASE"

# Two runs that start together build the root once: the second waits here and then
# finds the finished cache.
exec 9>"$APPLIANCE_CACHE_BASE/.build.lock"
flock 9
if [ -d "$cache/root" ]; then
  say "cached root (built by a concurrent run): $cache/root"
  printf '%s\n' "$cache/root"
  exit 0
fi

# The build happens in a .partial directory renamed into place at the very end, so an
# interrupted build never looks like a finished cache. --one-file-system keeps rm from
# ever following a mount that a killed debootstrap could have left inside it.
partial="$cache.partial"
build_machine=cshtb-build-$$
remove_partial() {
  remove_nspawn_leftovers "$build_machine"
  [ -e "$partial" ] || return 0
  if grep -qF " $partial/" /proc/self/mountinfo; then
    die "refusing to delete $partial: something is still mounted inside it"
  fi
  rm -rf --one-file-system "$partial"
}
remove_partial
trap remove_partial EXIT
mkdir -p "$partial"
started=$(now_ms)

mirror=$(host_debian_mirror)
say "debootstrap $APPLIANCE_SUITE (minbase) from $mirror: a few minutes on the first run"
debootstrap --variant=minbase "$APPLIANCE_SUITE" "$partial/root" "$mirror" </dev/null >"$partial/debootstrap.log" 2>&1 \
  || { tail -n 30 "$partial/debootstrap.log" >&2; die "debootstrap failed (log above)"; }

# Package scripts must not start daemons while the root is being built: they would run
# outside any booted container. policy-rc.d answering 101 is Debian's switch for that.
printf '#!/bin/sh\n# Set by build-root.sh while it installs packages.\nexit 101\n' >"$partial/root/usr/sbin/policy-rc.d"
chmod 0755 "$partial/root/usr/sbin/policy-rc.d"

say "installing ${APPLIANCE_PACKAGES[*]}"
# nspawn (not booted) gives apt and the maintainer scripts /proc, /sys and /dev without
# mounting anything on the host; everything it starts dies with the container.
systemd-nspawn -D "$partial/root" -M "$build_machine" --register=no --keep-unit --as-pid2 --quiet --console=pipe \
  -E DEBIAN_FRONTEND=noninteractive -E LC_ALL=C.UTF-8 \
  /bin/sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" && apt-get clean' \
  sh "${APPLIANCE_PACKAGES[@]}" </dev/null >"$partial/apt.log" 2>&1 \
  || { tail -n 30 "$partial/apt.log" >&2; die "package installation failed (log above)"; }

remove_nspawn_leftovers "$build_machine"
rm -f "$partial/root/usr/sbin/policy-rc.d"
# Leave nothing of the build host in the image: no package lists, no host name, and an
# empty machine-id so every boot gets its own transient id from nspawn.
rm -rf "$partial/root/var/lib/apt/lists/"*
rm -f "$partial/root/etc/hostname"
: >"$partial/root/etc/machine-id"

# Checked inside the root: several of these are alternatives links with absolute targets.
# shellcheck disable=SC2016 # $b expands in the inner shell
absent=$(chroot "$partial/root" /bin/sh -c 'for b; do [ -x "$b" ] || echo "$b"; done' sh \
  /usr/lib/systemd/systemd /usr/bin/memcached /usr/sbin/mariadbd /usr/bin/mariadb /usr/bin/socat \
  /usr/sbin/iptables /usr/sbin/ip6tables /usr/sbin/ip /usr/bin/ps /usr/sbin/useradd /usr/sbin/chpasswd)
[ -z "$absent" ] || die "the built root lacks: $absent"

{
  echo "built by tests/appliance/build-root.sh from $mirror, suite $APPLIANCE_SUITE"
  # shellcheck disable=SC2016 # dpkg-query's own ${field} syntax, not the shell's
  chroot "$partial/root" dpkg-query -W -f '${Package} ${Version}\n'
} >"$partial/manifest.txt"

trap - EXIT
mv -T "$partial" "$cache"
say "built $cache/root in $(( ($(now_ms) - started) / 1000 )) s"
printf '%s\n' "$cache/root"
