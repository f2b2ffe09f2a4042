#!/usr/bin/env bash
# End-to-end acceptance on the booted appliance (issue 4): real TCP and UDP clients in the
# client namespace decide whether a port is open. Each scenario starts from a fresh box.
#  1. fresh box, --once: 3306 and 11211 closed from outside, memcached's UDP amplifier
#     silent, 80/443 still answer; inside, the capture intact under uploads.original, the
#     link and /cap as specified, the drop-in beside the old Environment= line, memcached
#     and MariaDB still answer locally;
#  2. a second --once: exit 0, no file touched, no unit restarted;
#  3. --check on a fresh box: exit 2, every drift listed, nothing touched or restarted;
#  4. a later option file re-enabling networking is neutralised and 3306 closed;
#  5. the agent killed right after writing the memcached file: the next --once restarts
#     memcached and UDP is closed;
#  6. already-hardened spellings change nothing (exit 0);
#  7. evidence: the file is right but memcached was never restarted, so UDP is still open:
#     the report says what it saw, memcached is restarted, the file left as it was;
#  8. evidence: systemd itself holds TCP 3306 through mariadb.socket while the option files
#     say skip-networking: the socket unit is masked and stopped, 3306 closes, the local
#     socket still answers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=boot.sh
source "$here/boot.sh"
# shellcheck source-path=SCRIPTDIR source=clients.sh
source "$here/clients.sh"
# shellcheck source-path=SCRIPTDIR source=suite-lib.sh
source "$here/suite-lib.sh"
trap 'appliance_teardown >/dev/null 2>&1 || true' EXIT
[ "$(id -u)" -eq 0 ] || die "acceptance-suite.sh must run as root"

agent_dir=$("$here/publish-agent.sh")
phase "publish the agent"
capture=2026-11/capture-0001.pcap
shared=/var/www/cloudshark/shared
managed=(/etc /var/www)

fresh_box() { appliance_teardown >/dev/null 2>&1 || true; appliance_boot "$agent_dir"; }
inside() { appliance_exec "$@"; }
sha() { inside sha256sum "$1" | cut -d' ' -f1; }
at_least() { [ "$1" -ge "$2" ] || { echo "expected at least $2, got $1"; return 1; }; }
memcached_answers_inside() { expect_in "$(inside sh -c "printf 'stats\r\nquit\r\n' | socat -t 2 - TCP:127.0.0.1:11211")" "STAT pid"; }
mariadb_answers_on_socket() { expect_eq "$(inside mariadb -N -e 'select 40+2')" 42; }

# 1 ─────────────────────────────────────────────────────────────────────────────────
fresh_box
amplified=$(memcached_udp_reply_bytes "$APPLIANCE_ADDR4")
check "[1] before: a 15-byte UDP stats request gets kilobytes back ($amplified bytes)" at_least "$amplified" 1000
capture_sum=$(sha "$shared/uploads/$capture")
out=$(once)
check "[1] fresh box: --once exits 2" expect_in "$out" "exit=2"
check "[1] TCP 3306 closed from outside (IPv4)" tcp_closed "$APPLIANCE_ADDR4" 3306
check "[1] TCP 11211 closed from outside (IPv4)" tcp_closed "$APPLIANCE_ADDR4" 11211
check "[1] TCP 11211 closed from outside (IPv6)" tcp_closed "[$APPLIANCE_ADDR6]" 11211
check "[1] memcached UDP stats gets no answer" expect_eq "$(memcached_udp_reply_bytes "$APPLIANCE_ADDR4")" 0
check "[1] TCP 80 still answers" web_answers "$APPLIANCE_ADDR4" 80
check "[1] TCP 443 still answers" web_answers "$APPLIANCE_ADDR4" 443
check "[1] the capture is intact under uploads.original" expect_eq "$(sha "$shared/uploads.original/$capture")" "$capture_sum"
check "[1] uploads links to /cap" expect_eq "$(inside readlink "$shared/uploads")" /cap
check "[1] /cap is a directory owned cloudshark:cloudshark" expect_eq "$(inside stat -c '%F %U:%G' /cap)" "directory cloudshark:cloudshark"
unit_text=$(inside systemctl cat cloudshark.service)
check "[1] systemctl cat cloudshark shows RequiresMountsFor=/cap" expect_in "$unit_text" "RequiresMountsFor=/cap"
check "[1] ... and keeps the old Environment= line" expect_in "$unit_text" "Environment=RAILS_ENV=production"
check "[1] memcached still answers stats on 127.0.0.1" memcached_answers_inside
check "[1] MariaDB answers on its local socket" mariadb_answers_on_socket
phase "[1] fresh box, --once"

# 2 ─────────────────────────────────────────────────────────────────────────────────
before=$(fingerprint "${managed[@]}" /cap)
memcached_id=$(invocation memcached.service)
mariadb_id=$(invocation mariadb.service)
out=$(once)
check "[2] second --once exits 0" expect_in "$out" "exit=0"
check "[2] no file under /etc, /var/www or /cap touched" expect_eq "$(fingerprint "${managed[@]}" /cap)" "$before"
check "[2] memcached not restarted" expect_eq "$(invocation memcached.service)" "$memcached_id"
check "[2] mariadb not restarted" expect_eq "$(invocation mariadb.service)" "$mariadb_id"
phase "[2] second --once"

# 3 ─────────────────────────────────────────────────────────────────────────────────
fresh_box
before=$(fingerprint "${managed[@]}")
memcached_id=$(invocation memcached.service)
mariadb_id=$(invocation mariadb.service)
out=$(appliance_exec "$agent" --check || echo "exit=$?")
check "[3] --check on a fresh box exits 2" expect_in "$out" "exit=2"
for rule in memcached mariadb uploads cloudshark-unit; do
  check "[3] --check lists $rule drift" expect_in "$(grep -E "^  $rule " <<<"$out")" "drift"
done
check "[3] /etc and /var/www byte-identical afterwards" expect_eq "$(fingerprint "${managed[@]}")" "$before"
check "[3] no /cap, no state directory created" inside sh -c '! test -e /cap && ! test -e /var/lib/cloudshark-hardening'
check "[3] no unit restarted" expect_eq "$(invocation memcached.service) $(invocation mariadb.service)" "$memcached_id $mariadb_id"
phase "[3] --check on a fresh box"

# 4 ─────────────────────────────────────────────────────────────────────────────────
fresh_box
inside sh -c 'printf "[mariadb]\nskip-networking=0\n" >/etc/my.cnf.d/zz-network.cnf'
out=$(once)
check "[4] --once exits 2" expect_in "$out" "exit=2"
check "[4] the re-enabling line is commented out with the marker" expect_in "$(inside cat /etc/my.cnf.d/zz-network.cnf)" "# cloudshark-hardening:"
check "[4] TCP 3306 closed from outside" tcp_closed "$APPLIANCE_ADDR4" 3306
check "[4] MariaDB answers on its local socket" mariadb_answers_on_socket
phase "[4] a later option file re-enables networking"

# 5 ─────────────────────────────────────────────────────────────────────────────────
fresh_box
out=$(appliance_exec env CLOUDSHARK_HARDENING_TEST_KILL_AFTER_APPLY=memcached "$agent" --once 2>&1 || echo "exit=$?")
check "[5] the agent died right after writing the memcached file" expect_in "$out" "exit=137"
check "[5] the file says -U 0" expect_in "$(inside cat /etc/sysconfig/memcached)" "-U 0"
check "[5] memcached still serves UDP (the restart was lost with the process)" at_least "$(memcached_udp_reply_bytes "$APPLIANCE_ADDR4")" 1000
check "[5] the owed restart is on disk" expect_in "$(inside cat /var/lib/cloudshark-hardening/pending-unit-actions.json)" "memcached.service"
out=$(once)
check "[5] the next --once exits 2" expect_in "$out" "exit=2"
check "[5] ... and UDP is closed" expect_eq "$(memcached_udp_reply_bytes "$APPLIANCE_ADDR4")" 0
check "[5] nothing left owed" inside sh -c '! test -e /var/lib/cloudshark-hardening/pending-unit-actions.json'
phase "[5] restart lost to a crash"

# 6 ─────────────────────────────────────────────────────────────────────────────────
fresh_box
once >/dev/null
respell() { # respell FILE SED-EXPRESSION UNIT
  inside sed -i "$2" "$1"
  inside systemctl restart "$3"
}
respell /etc/sysconfig/memcached 's/^OPTIONS=.*/OPTIONS="-l 127.0.0.1,::1 -U 0 -t 4"/' memcached.service
check "[6] OPTIONS=\"-l 127.0.0.1,::1 -U 0\": exit 0" expect_in "$(once)" "exit=0"
respell /etc/sysconfig/memcached 's/^OPTIONS=.*/OPTIONS="--listen=localhost --udp-port=0 -t 4"/' memcached.service
check "[6] OPTIONS=\"--listen=localhost --udp-port=0\": exit 0" expect_in "$(once)" "exit=0"
respell /etc/my.cnf 's/^skip-networking$/skip_networking/' mariadb.service
check "[6] skip_networking spelled with an underscore: exit 0" expect_in "$(once)" "exit=0"
check "[6] ... and the files keep those spellings" expect_in "$(inside cat /etc/sysconfig/memcached /etc/my.cnf)" "skip_networking"
inside sh -c 'printf "[mysqld-10.99]\nskip-networking=0\n" >/etc/my.cnf.d/zz-other-version.cnf'
check "[6] skip-networking=0 in a group this server version never reads: exit 0" expect_in "$(once)" "exit=0"
check "[6] ... and that file is left alone" expect_eq "$(inside cat /etc/my.cnf.d/zz-other-version.cnf)" "$(printf '[mysqld-10.99]\nskip-networking=0')"
phase "[6] already-hardened spellings"

# 7 ─────────────────────────────────────────────────────────────────────────────────
fresh_box
once >/dev/null
inside sed -i 's/^OPTIONS=.*/OPTIONS="-U 11211 -t 4"/' /etc/sysconfig/memcached
inside systemctl restart memcached.service
inside sed -i 's/^OPTIONS=.*/OPTIONS="-l 127.0.0.1 -U 0 -t 4"/' /etc/sysconfig/memcached
before=$(fingerprint /etc/sysconfig)
out=$(once)
check "[7] stale memcached: --once exits 2" expect_in "$out" "exit=2"
check "[7] the report says what it saw" expect_in "$out" "seen: memcached has a UDP socket open: udp 0.0.0.0:11211"
check "[7] ... and why" expect_in "$out" "memcached has not been restarted since"
check "[7] UDP closed afterwards" expect_eq "$(memcached_udp_reply_bytes "$APPLIANCE_ADDR4")" 0
check "[7] the file was not rewritten" expect_eq "$(fingerprint /etc/sysconfig)" "$before"
phase "[7] file right, service stale"

# 8 ─────────────────────────────────────────────────────────────────────────────────
fresh_box
once >/dev/null
inside systemctl stop mariadb.service
inside systemctl enable --now mariadb.socket
inside mariadb -N -e 'select 1' >/dev/null # socket activation starts the server on systemd's sockets
check "[8] setup: TCP 3306 answers from outside through mariadb.socket" mariadb_answers "$APPLIANCE_ADDR4"
out=$(once)
check "[8] --once exits 2" expect_in "$out" "exit=2"
check "[8] the report names systemd holding the port" expect_in "$out" "systemd listens on [::]:3306 (Stream) for mariadb.socket"
check "[8] mariadb.socket is masked" expect_eq "$(inside systemctl is-enabled mariadb.socket || true)" "masked"
check "[8] TCP 3306 closed from outside" tcp_closed "$APPLIANCE_ADDR4" 3306
check "[8] MariaDB answers on its local socket" mariadb_answers_on_socket
check "[8] a second --once exits 0" expect_in "$(once)" "exit=0"
phase "[8] a systemd socket unit holds 3306"

appliance_teardown >/dev/null
trap - EXIT
phase "tear down"
finish_suite acceptance
