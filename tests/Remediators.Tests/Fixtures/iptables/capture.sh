#!/bin/sh
# Loads each rules/NAME.v4 (iptables) or rules/NAME.v6 (ip6tables) into a fresh network
# namespace and keeps what iptables-save then prints in captured/NAME, plus the tables of
# an untouched namespace (captured/empty.v4, empty.v6). Run as root; IPTABLES_ROOT picks the
# system whose iptables to use, e.g. the appliance test bed's cached root:
#   IPTABLES_ROOT=/var/cache/cloudshark-hardening/appliance-root-<hash>/root sh capture.sh
set -eu
cd "$(dirname "$0")"
root=${IPTABLES_ROOT:-/}
mkdir -p captured
for rules in rules/*; do
  name=$(basename "$rules")
  case "$name" in *.v4) tool=iptables ;; *) tool=ip6tables ;; esac
  unshare --net chroot "$root" sh -c "/usr/sbin/$tool-restore && /usr/sbin/$tool-save -t filter" <"$rules" >"captured/$name"
done
unshare --net chroot "$root" /usr/sbin/iptables-save -t filter >captured/empty.v4
unshare --net chroot "$root" /usr/sbin/ip6tables-save -t filter >captured/empty.v6
