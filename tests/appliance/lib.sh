# shellcheck shell=bash
# Helpers shared by the appliance test bed scripts. Sourced, never run; it changes
# no shell options of its caller.

# The packages of the cached appliance root, beyond debootstrap's minbase. They are part
# of the cache key: change this list and the next run builds a new root. iptables-persistent
# (with netfilter-persistent) is the distribution's loader that restores
# /etc/iptables/rules.v4 and .v6 at boot, so the firewall suite can reboot the box.
APPLIANCE_PACKAGES=(
  systemd systemd-sysv dbus
  memcached mariadb-server mariadb-client
  iptables iproute2 procps socat
  iptables-persistent
  rpm    # the packaging suite installs, upgrades and erases the agent's RPM on the booted bed
  time   # GNU time: the benchmark reads a --once run's peak RSS from it
)

APPLIANCE_SUITE=bookworm
APPLIANCE_CACHE_BASE=${APPLIANCE_CACHE_BASE:-/var/cache/cloudshark-hardening}
APPLIANCE_RUN_BASE=${APPLIANCE_RUN_BASE:-/var/tmp/cloudshark-appliance}

# Prints one progress line on stderr, so stdout stays free for values callers capture.
say() {
  printf '[appliance %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

die() {
  say "ERROR: $*"
  exit 1
}

# Installs the Debian packages a host command comes from, only when the command is
# missing, so a prepared machine never waits for apt.
#   need_host_command COMMAND PACKAGE [COMMAND PACKAGE]...
need_host_command() {
  local missing=()
  while [ $# -ge 2 ]; do
    command -v "$1" >/dev/null 2>&1 || missing+=("$2")
    shift 2
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
  say "installing on the host: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
}

# Prints the Debian mirror this machine's apt already uses for the main suite, read from
# /etc/apt/sources.list and sources.list.d (one-line and deb822 forms). The test bed then
# talks only to the mirror the administrator chose. APPLIANCE_MIRROR overrides it.
host_debian_mirror() {
  if [ -n "${APPLIANCE_MIRROR:-}" ]; then
    printf '%s\n' "$APPLIANCE_MIRROR"
    return 0
  fi
  local files=() f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && files+=("$f")
  done
  [ ${#files[@]} -gt 0 ] || die "no apt sources on this machine; set APPLIANCE_MIRROR"
  local mirror
  mirror=$(awk -v suite="$APPLIANCE_SUITE" '
    # The first matching source wins, as the first apt would try.
    FNR == 1 { flush() }
    found != "" { next }
    # One-line form: deb [options] URI SUITE COMPONENTS...
    FILENAME ~ /\.list$/ && $1 == "deb" {
      i = 2
      if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
      if ($(i + 1) == suite) found = $i
      next
    }
    # deb822 form: "Key: value" stanzas separated by blank lines.
    FILENAME ~ /\.sources$/ {
      if ($0 ~ /^[ \t]*$/) { flush(); next }
      if ($0 ~ /^#/) next
      key = tolower($1); sub(/:$/, "", key)
      $1 = ""; sub(/^[ \t]+/, "")
      fields[key] = $0
    }
    END { flush(); if (found != "") print found }
    function flush(   n, uris, suites, j) {
      if (found == "" && fields["types"] ~ /(^| )deb( |$)/ && tolower(fields["enabled"]) != "no") {
        n = split(fields["suites"], suites, /[ \t]+/)
        for (j = 1; j <= n; j++) if (suites[j] == suite) { split(fields["uris"], uris, /[ \t]+/); found = uris[1] }
      }
      delete fields
    }
  ' "${files[@]}")
  [ -n "$mirror" ] || die "no apt source for suite $APPLIANCE_SUITE on this machine; set APPLIANCE_MIRROR"
  printf '%s\n' "$mirror"
}

# Prints the cache directory of the root that build-root.sh makes from this suite, this
# package list and this build-root.sh: a change to any of them gives a new directory.
appliance_root_path() {
  local here key
  here=$(dirname "${BASH_SOURCE[0]}")
  key=$( { printf '%s\n' "$APPLIANCE_SUITE" "${APPLIANCE_PACKAGES[@]}"; cat "$here/build-root.sh"; } \
    | sha256sum | cut -c1-16)
  printf '%s/appliance-root-%s\n' "$APPLIANCE_CACHE_BASE" "$key"
}

# Removes what systemd-nspawn leaves under the host's /run when that is not a tmpfs: the
# propagation directory of machine NAME, the lock file LOCK of a killed nspawn, and
# nspawn's directories once they are empty. Call it only once that nspawn has gone.
#   remove_nspawn_leftovers NAME [LOCK]
remove_nspawn_leftovers() {
  local name=$1 lock=${2:-} run=/run/systemd/nspawn
  rm -rf --one-file-system "${run:?}/propagate/$name"
  [ -z "$lock" ] || rm -f "$lock"
  rmdir "$run/propagate" "$run/locks" "$run" 2>/dev/null || true
}

# The 22nd field of /proc/PID/stat, the process's start time: with the pid it names one
# process for good, so a recycled pid is never signalled by mistake.
process_start_time() {
  local stat fields
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # Split after the ")" that ends the command name, which may itself hold spaces.
  read -ra fields <<<"${stat##*) }"
  printf '%s\n' "${fields[19]}"
}

# True while the process PID started at START runs. A zombie counts as gone: it only waits
# for its parent, or the host's init, to collect it.
#   process_alive PID START
process_alive() {
  [ -n "$1" ] && [ -n "$2" ] || return 1
  [ "$(process_start_time "$1")" = "$2" ] || return 1
  ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# Milliseconds since the epoch, for the timing table.
now_ms() {
  date +%s%3N
}
