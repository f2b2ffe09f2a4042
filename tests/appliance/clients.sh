# shellcheck shell=bash
# Real clients in the client namespace, probing the appliance from outside. Sourced after
# boot.sh; each function succeeds when the service answers as it should.

# The clients send what they have, then socat waits up to -t seconds for the server to
# finish; every server here closes as soon as it has answered, so the wait is short.
# Replies are captured before they are matched: grep -q would stop reading early and
# turn the client's broken pipe into a failure under pipefail.
talk() {
  client_exec socat -t 3 - "$1" | tr -d '\0'
}

# A real HTTP-ish exchange with cloudshark.service's listener.
web_answers() {
  local reply
  reply=$(talk "TCP:$1:$2,connect-timeout=5" </dev/null)
  grep -q '^HTTP/1.0 200 OK' <<<"$reply" || { echo "reply: $reply"; return 1; }
}

# MariaDB speaks first on a new connection: a greeting, or an "is not allowed to connect"
# error for a client host it does not know. Either comes from the server itself.
mariadb_answers() {
  local reply
  reply=$(talk "TCP:$1:3306,connect-timeout=5" </dev/null)
  grep -q MariaDB <<<"$reply" || { echo "reply: $reply"; return 1; }
}

memcached_tcp_answers() {
  local reply
  reply=$(printf 'version\r\nquit\r\n' | talk "TCP:$1:11211,connect-timeout=5")
  grep -q '^VERSION ' <<<"$reply" || { echo "reply: $reply"; return 1; }
}

# memcached's UDP protocol: an 8-byte frame header (request id, sequence number, datagram
# count, reserved) before the text command; the reply carries the same request id.
memcached_udp_answers() {
  local reply
  reply=$(printf '\x2a\x17\x00\x00\x00\x01\x00\x00stats\r\n' | client_exec socat -t 1 - "UDP:$1:11211" | od -An -c | tr -s ' \n' ' ')
  grep -q '^ \* 027 \\0 \\0 .* S T A T ' <<<"$reply" || { echo "reply: ${reply:0:120}"; return 1; }
}

# How many bytes memcached sends back to one 15-byte UDP "stats" request: the amplification
# an open UDP port offers. 0 when nothing answers.
memcached_udp_reply_bytes() {
  printf '\x2a\x17\x00\x00\x00\x01\x00\x00stats\r\n' | client_exec socat -t 1 - "UDP:$1:11211" | wc -c
}

# Fails when a TCP connect from outside succeeds; a refused or timed-out connect passes.
tcp_closed() {
  if client_exec socat -T 2 /dev/null "TCP:$1:$2,connect-timeout=3" 2>/dev/null; then
    echo "TCP $1:$2 accepted a connection from outside"
    return 1
  fi
}
