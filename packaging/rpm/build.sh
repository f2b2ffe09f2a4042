#!/usr/bin/env bash
# Builds the agent's RPM from this checkout: publishes the binary (scripts/publish.sh),
# stages it with the unit, preset, default configuration and man page, and runs rpmbuild on
# packaging/rpm/cloudshark-hardening.spec. Prints the path of the .rpm.
#
#   usage: packaging/rpm/build.sh [--release N] [--output DIR]
#     --release N   the RPM release (default 1); a newer build for an upgrade gets a higher one
#     --output DIR  where the .rpm goes (default out/rpm)
#
# Works on an EL host and on Debian 12, where it installs Debian's rpm package when rpmbuild
# is missing (as root).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
release=1
output=$repo/out/rpm
while [ $# -gt 0 ]; do
  case $1 in
    --release) release=${2:?--release needs a number}; shift 2 ;;
    --output) output=${2:?--output needs a directory}; shift 2 ;;
    *) echo "build.sh: unknown argument '$1' (see the usage at the top of this script)" >&2; exit 64 ;;
  esac
done
[[ $release =~ ^[1-9][0-9]*$ ]] || { echo "build.sh: --release must be a positive whole number, not '$release'" >&2; exit 64; }

if ! command -v rpmbuild >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "build.sh: installing Debian's rpm package for rpmbuild" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends rpm >/dev/null
  else
    echo "build.sh: rpmbuild is missing; install rpm-build (EL) or rpm (Debian)" >&2
    exit 69
  fi
fi

version=$(tr -d '[:space:]' <"$repo/VERSION")
published=$("$repo/scripts/publish.sh")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sources=$work/SOURCES
mkdir -p "$sources" "$output"
cp "$published/cloudshark-hardening" "$sources/"
cp "$repo/systemd/cloudshark-hardening.service" "$repo/systemd/80-cloudshark-hardening.preset" "$sources/"
cp "$repo/config/hardening.json" "$sources/"
# The man page's header names the version it documents.
sed "1,/^\.TH/s/\"cloudshark-hardening [^\"]*\"/\"cloudshark-hardening $version\"/" \
  "$repo/docs/cloudshark-hardening.8" >"$sources/cloudshark-hardening.8"

# _topdir keeps rpmbuild out of ~/rpmbuild; _dbpath keeps Debian's rpm out of ~/.rpmdb.
# SOURCE_DATE_EPOCH (the last commit) makes the file times and build time reproducible.
SOURCE_DATE_EPOCH=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH
rpmbuild -bb --quiet \
  --define "_topdir $work" \
  --define "_sourcedir $sources" \
  --define "_rpmdir $work/RPMS" \
  --define "_dbpath $work/rpmdb" \
  --define "pkg_version $version" \
  --define "pkg_release $release" \
  --define "use_source_date_epoch_as_buildtime 1" \
  --define "clamp_mtime_to_source_date_epoch 1" \
  "$repo/packaging/rpm/cloudshark-hardening.spec" >&2

rpm_file=$(find "$work/RPMS" -name '*.rpm' -print -quit)
[ -n "$rpm_file" ] || { echo "build.sh: rpmbuild made no package" >&2; exit 70; }
mv "$rpm_file" "$output/"
echo "$output/$(basename "$rpm_file")"
