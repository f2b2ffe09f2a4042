#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine, and nothing when it is there.
set -euo pipefail

need=()
command -v patch >/dev/null || need+=(patch)      # the oracle for the unified-diff tests
command -v mount >/dev/null || need+=(mount)      # tmpfs mounts for full/read-only disk tests
command -v dbus-daemon >/dev/null || need+=(dbus-daemon)  # a private bus for the D-Bus client tests
command -v nft >/dev/null || need+=(nftables)      # kernel rule changes in a test's own network namespace
command -v ip >/dev/null || need+=(iproute2)       # ... which ip netns makes
# The packaging suite: rpmbuild and rpm (Debian's rpm package), rpm2cpio and cpio to unpack
# the payload, rpmlint, and groff to check the man page.
command -v rpmbuild >/dev/null || need+=(rpm)
command -v rpm2cpio >/dev/null || need+=(rpm2cpio)
command -v cpio >/dev/null || need+=(cpio)
command -v rpmlint >/dev/null || need+=(rpmlint)
command -v groff >/dev/null || need+=(groff-base)
command -v perl >/dev/null || need+=(perl)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is not on PATH" >&2; exit 1; }
