#!/usr/bin/env bash
# The appliance suites run the binary the RPM ships: scripts/publish.sh, into
# out/appliance-agent. Prints that directory.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
exec "$repo/scripts/publish.sh" "$repo/out/appliance-agent"
