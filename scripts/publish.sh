#!/usr/bin/env bash
# Publishes the agent exactly as it ships in the RPM and as the appliance test bed runs it:
# self-contained (the appliance has no .NET), one file, ReadyToRun (start-up is most of a
# compliant --once), trimmed (a smaller image to map and page in), for linux-x64.
# Prints the output directory. Skips the publish when no source, project or build file
# changed since the last one, so every suite and the RPM build share one binary.
#   usage: scripts/publish.sh [OUTPUT_DIR]   (default out/publish)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/out/publish}
stamp=$out/.sources
sources=$(cd "$repo" && { find src Directory.Build.props Directory.Packages.props global.json eng -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.txt' \) -print0 | sort -z | xargs -0 sha256sum; sha256sum scripts/publish.sh VERSION; } | sha256sum | cut -d' ' -f1)
if [ -x "$out/cloudshark-hardening" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$sources" ]; then
  echo "$out"
  exit 0
fi
rm -rf "$out"
# The properties live here rather than in the project: a self-contained project cannot be
# referenced by the (framework-dependent) test projects.
dotnet publish "$repo/src/Agent" -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:PublishTrimmed=true \
  -p:DebugType=none -p:GenerateDocumentationFile=false \
  -o "$out" --nologo -v quiet -clp:ErrorsOnly >&2
echo "$sources" >"$stamp"
echo "$out"
