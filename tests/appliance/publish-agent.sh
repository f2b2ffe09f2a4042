#!/usr/bin/env bash
# Publishes the agent as the appliance runs it (self-contained, single file, for
# linux-x64) into out/appliance-agent, and prints that directory. Skips the publish when
# no source, project or build file changed since the last one.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/out/appliance-agent
stamp=$out/.sources
sources=$(cd "$repo" && find src Directory.Build.props Directory.Packages.props global.json eng -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.txt' \) -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ -x "$out/cloudshark-hardening" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$sources" ]; then
  echo "$out"
  exit 0
fi
rm -rf "$out"
dotnet publish "$repo/src/Agent" -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:DebugType=none -p:GenerateDocumentationFile=false \
  -o "$out" --nologo -v quiet -clp:ErrorsOnly >&2
echo "$sources" >"$stamp"
echo "$out"
