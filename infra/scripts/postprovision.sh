#!/bin/sh
# azd postprovision hook (azure.yaml): writes functions/TouchpointPipeline.Functions/local.settings.json so that the app
# runs locally (func start) against the resources just provisioned, signed in as the developer (az login or
# azd auth login; rbac.bicep gives AZURE_PRINCIPAL_ID the same data roles as the app).
#
# The Values come from the LOCAL_SETTINGS_VALUES output (localSettingsValues in infra/app/api.bicep): the function
# app's own setting names and values, identity-based only. No keys and no connection strings: the PII salt is a Key
# Vault reference that func start resolves with the developer's credential. A value that looks like a key is refused.
# The host storage is the deployed account, so a local run shares the Event Hubs checkpoints and leases of the app in
# Azure (it takes over some partitions) instead of reading every hub again from the start.
#
# Usage: infra/scripts/postprovision.sh [output-file]
#        (default: <repo>/functions/TouchpointPipeline.Functions/local.settings.json, replaced if it exists)
set -eu

repo_root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
out_file=${1:-"$repo_root/functions/TouchpointPipeline.Functions/local.settings.json"}
output_name=LOCAL_SETTINGS_VALUES

# The environment being provisioned (azd up -e <name> sets AZURE_ENV_NAME for hooks), not merely the default one.
if [ -n "${AZURE_ENV_NAME:-}" ]; then
  env_values=$(azd env get-values -e "$AZURE_ENV_NAME") || { echo "postprovision.sh: azd env get-values failed" >&2; exit 1; }
else
  env_values=$(azd env get-values) || { echo "postprovision.sh: azd env get-values failed" >&2; exit 1; }
fi

# azd prints dotenv lines, KEY="value", escaped by godotenv.Marshal: a backslash before \ " ! $ ` (and \n, \r for line
# breaks, which the JSON of an object output never holds raw). Undo that to get the JSON azd stored.
line=$(printf '%s\n' "$env_values" | grep "^$output_name=\"" || true)
if [ -z "$line" ]; then
  echo "postprovision.sh: $output_name is not in the azd environment; run azd provision with the current infra/ first" >&2
  exit 1
fi
values=$(printf '%s\n' "$line" | sed -e "s/^$output_name=\"//" -e 's/"$//' -e 's/\\\(.\)/\1/g')
case $values in
  \{*\}) ;;
  *) echo "postprovision.sh: $output_name is not a JSON object" >&2; exit 1 ;;
esac

if printf '%s' "$values" | grep -Eiq 'AccountKey=|SharedAccessKey=|SharedAccessSignature=|InstrumentationKey=|[?&]sig='; then
  echo "postprovision.sh: $output_name holds a key or connection string; local.settings.json gets identity-based settings only" >&2
  exit 1
fi

# One setting per line: split the object at its own commas and colons, never at those inside strings.
pretty=$(printf '%s\n' "$values" | awk '
{
  text = $0; out = ""; depth = 0; in_string = 0; escaped = 0
  for (i = 1; i <= length(text); i++) {
    c = substr(text, i, 1)
    if (in_string) {
      out = out c
      if (escaped) escaped = 0; else if (c == "\\") escaped = 1; else if (c == "\"") in_string = 0
    } else if (c == "\"") { in_string = 1; out = out c }
    else if (c == "{" || c == "[") { depth++; out = out c (depth == 1 ? "\n    " : "") }
    else if (c == "}" || c == "]") { out = out (depth == 1 ? "\n  " : "") c; depth-- }
    else if (c == "," && depth == 1) { out = out ",\n    " }
    else if (c == ":" && depth == 1) { out = out ": " }
    else { out = out c }
  }
  print out
}')

out_dir=$(dirname -- "$out_file")
mkdir -p "$out_dir"
tmp_file="$out_file.tmp.$$"
trap 'rm -f "$tmp_file"' EXIT
printf '{\n  "IsEncrypted": false,\n  "Values": %s\n}\n' "$pretty" > "$tmp_file"
mv -f "$tmp_file" "$out_file"
echo "postprovision.sh: wrote $out_file (settings of the azd environment ${AZURE_ENV_NAME:-default}; run func start from the build output)"
