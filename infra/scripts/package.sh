#!/bin/sh
# Publishes the custom handler as the Functions host expects its package: a self-contained linux-x64 apphost named
# by host.json's customHandler.description.defaultExecutablePath, host.json and every <Function>/function.json at the
# root. azd runs this as the api service's prepackage hook and zips the output folder (azure.yaml `dist`).
#
# Usage: infra/scripts/package.sh [output-dir]     (default: <repo>/publish/api)
# Run it on Linux, macOS, WSL or a Linux CI runner: zips made on Windows lose the apphost's execute bit.
set -eu

repo_root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
project_dir="$repo_root/functions/TouchpointPipeline.Functions"
out_dir=${1:-"$repo_root/publish/api"}

# The executable name is whatever host.json says it is.
executable=$(sed -n 's/.*"defaultExecutablePath"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$project_dir/host.json" | head -n 1)
if [ -z "$executable" ]; then
  echo "package.sh: customHandler.description.defaultExecutablePath not found in $project_dir/host.json" >&2
  exit 1
fi

# PACKAGE_ARTIFACTS_PATH (optional) keeps bin/ and obj/ of this publish out of the source tree, e.g. for tests
# that publish while other builds use the same projects.
set --
if [ -n "${PACKAGE_ARTIFACTS_PATH:-}" ]; then
  set -- --artifacts-path "$PACKAGE_ARTIFACTS_PATH"
fi

rm -rf "$out_dir"
dotnet publish "$@" "$project_dir/TouchpointPipeline.Functions.csproj" \
  --configuration Release \
  --runtime linux-x64 \
  --self-contained true \
  --output "$out_dir" \
  -p:UseAppHost=true \
  --nologo

# Never ship developer settings; make sure the apphost can be executed by the host.
rm -f "$out_dir/local.settings.json"
chmod 755 "$out_dir/$executable"

status=0
[ -f "$out_dir/host.json" ] || { echo "package.sh: host.json missing from $out_dir" >&2; status=1; }
# The source keeps each function.json in FunctionMetadata/<Function>/; the package must have it at <Function>/.
for source_function in "$project_dir"/FunctionMetadata/*/function.json; do
  [ -e "$source_function" ] || continue
  function_name=$(basename "$(dirname "$source_function")")
  [ -f "$out_dir/$function_name/function.json" ] || {
    echo "package.sh: $function_name/function.json missing from $out_dir" >&2
    status=1
  }
done
# The detection rules are read from <app>/rules at start; a package without them would fail start-up.
for source_rule in "$project_dir"/rules/*.json; do
  [ -e "$source_rule" ] || continue
  [ -f "$out_dir/rules/$(basename "$source_rule")" ] || {
    echo "package.sh: rules/$(basename "$source_rule") missing from $out_dir" >&2
    status=1
  }
done
[ "$status" -eq 0 ] || exit "$status"
echo "package.sh: packaged $executable with host.json and $(ls -d "$out_dir"/*/function.json | wc -l | tr -d ' ') functions in $out_dir"
