#!/bin/sh
# Captures what real iptables 1.8.9 prints, for the parser tests. Run as root, from this
# directory, with a Debian 12 root that has the iptables package (the appliance test bed's
# cached root will do):
#   unshare -n -m -p -f sh -c 'mount -t proc proc ROOT/proc && chroot ROOT sh -s' <capture.sh >capture.out
# Each private network namespace starts with empty tables. The script loads EL's shipped
# sample rules (as a CloudShark box has them: 80 and 443 opened), then the agent's chain
# exactly as the agent's payload writes it for the ranges 10.1.0.0/16, 192.0.2.7 and
# 2001:db8::/32 and the default ports, on both backends, and prints each save between
# "=== NAME" markers.
set -eu
chain_v4='*filter
:CLOUDSHARK-HARDENING - [0:0]
-I INPUT 1 -j CLOUDSHARK-HARDENING
-A CLOUDSHARK-HARDENING -i lo -j RETURN
-A CLOUDSHARK-HARDENING -s 10.1.0.0/16 -p tcp -m multiport --dports 80,443 -j RETURN
-A CLOUDSHARK-HARDENING -s 192.0.2.7/32 -p tcp -m multiport --dports 80,443 -j RETURN
-A CLOUDSHARK-HARDENING -p tcp -m multiport --dports 80,443 -j DROP
-A CLOUDSHARK-HARDENING -p tcp -m multiport --dports 11211,3306 -j DROP
-A CLOUDSHARK-HARDENING -p udp -m multiport --dports 11211,3306 -j DROP
COMMIT'
chain_v6='*filter
:CLOUDSHARK-HARDENING - [0:0]
-I INPUT 1 -j CLOUDSHARK-HARDENING
-A CLOUDSHARK-HARDENING -i lo -j RETURN
-A CLOUDSHARK-HARDENING -s 2001:db8::/32 -p tcp -m multiport --dports 80,443 -j RETURN
-A CLOUDSHARK-HARDENING -p tcp -m multiport --dports 80,443 -j DROP
-A CLOUDSHARK-HARDENING -p tcp -m multiport --dports 11211,3306 -j DROP
-A CLOUDSHARK-HARDENING -p udp -m multiport --dports 11211,3306 -j DROP
COMMIT'
for backend in nft legacy; do
  iptables-$backend-restore <el-sysconfig-iptables
  ip6tables-$backend-restore <el-sysconfig-ip6tables
  echo "$chain_v4" | iptables-$backend-restore --noflush --wait 10
  echo "$chain_v6" | ip6tables-$backend-restore --noflush --wait 10
  # Someone else's rule before the jump, as `iptables -I INPUT` by another tool leaves it.
  iptables-$backend -I INPUT 1 -s 198.51.100.9/32 -p tcp -m tcp --dport 443 -j ACCEPT
  echo "=== $backend-v4.save"
  iptables-$backend-save -t filter
  echo "=== $backend-v6.save"
  ip6tables-$backend-save -t filter
  echo "=== $backend-version"
  iptables-$backend -V
done
# With rules in both backends, iptables-nft-save warns on stderr.
echo "=== nft-v4-with-legacy.stderr"
iptables-nft-save -t filter 2>&1 >/dev/null
