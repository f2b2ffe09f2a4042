#!/usr/bin/env bash
# Builds the agent and hardens a temporary copy of the sample appliance shipped in
# samples/appliance (an EL CloudShark box): shows what changed, then shows that a second
# pass changes nothing. Runs as root (it changes owners inside the copy).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/Agent -c Release -o out/agent --nologo -v quiet -clp:ErrorsOnly
work=$(mktemp -d /tmp/cloudshark-appliance.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -a samples/appliance/. "$work/"
agent=out/agent/cloudshark-hardening

echo "### --check on a copy of samples/appliance ($work): what is wrong, nothing changed"
set +e
"$agent" --check --root "$work"; echo "(exit $?)"
echo
echo "### --once --diff: harden it"
"$agent" --once --diff --root "$work"; first=$?
echo "(exit $first)"
echo
echo "### --once again: nothing left to do"
"$agent" --once --root "$work"; second=$?
echo "(exit $second)"
set -e
echo
echo "### the captures, kept under uploads.original; the link to the storage directory"
ls -l "$work/var/www/cloudshark/shared/"
find "$work/var/www/cloudshark/shared/uploads.original" -type f -exec sha256sum {} +
[ "$first" -eq 2 ] && [ "$second" -eq 0 ] || { echo "demo: expected exit 2 then 0, got $first then $second" >&2; exit 1; }
