# azd postprovision hook on Windows (azure.yaml); the same as postprovision.sh: writes
# functions/TouchpointPipeline.Functions/local.settings.json from the LOCAL_SETTINGS_VALUES output (localSettingsValues in
# infra/app/api.bicep), identity-based settings only, so that the app runs locally against the resources just
# provisioned, signed in as the developer. A value that looks like a key or connection string is refused.
#
# Usage: infra/scripts/postprovision.ps1 [-OutputFile <path>]
#        (default: <repo>/functions/TouchpointPipeline.Functions/local.settings.json, replaced if it exists)
param([string] $OutputFile)

$ErrorActionPreference = 'Stop'
$outputName = 'LOCAL_SETTINGS_VALUES'
$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
if (-not $OutputFile) {
    $OutputFile = Join-Path $repoRoot 'functions' 'TouchpointPipeline.Functions' 'local.settings.json'
}

# The environment being provisioned (azd up -e <name> sets AZURE_ENV_NAME for hooks), not merely the default one.
$arguments = @('env', 'get-values', '--output', 'json')
if ($env:AZURE_ENV_NAME) {
    $arguments += @('-e', $env:AZURE_ENV_NAME)
}
$environmentJson = & azd @arguments | Out-String
if ($LASTEXITCODE -ne 0) {
    throw "postprovision.ps1: azd env get-values failed (exit code $LASTEXITCODE)"
}

$values = ($environmentJson | ConvertFrom-Json).$outputName
if (-not $values) {
    throw "postprovision.ps1: $outputName is not in the azd environment; run azd provision with the current infra/ first"
}
if ($values -notmatch '^\s*\{') {
    throw "postprovision.ps1: $outputName is not a JSON object"
}
if ($values -match 'AccountKey=|SharedAccessKey=|SharedAccessSignature=|InstrumentationKey=|[?&]sig=') {
    throw "postprovision.ps1: $outputName holds a key or connection string; local.settings.json gets identity-based settings only"
}

# System.Text.Json keeps every value as azd stored it (ConvertFrom-Json would turn date-like strings into dates).
$settings = [System.Text.Json.Nodes.JsonObject]::new()
$settings['IsEncrypted'] = [System.Text.Json.Nodes.JsonValue]::Create($false)
$settings['Values'] = [System.Text.Json.Nodes.JsonNode]::Parse($values)
$format = [System.Text.Json.JsonSerializerOptions]::new()
$format.WriteIndented = $true
$format.Encoder = [System.Text.Encodings.Web.JavaScriptEncoder]::UnsafeRelaxedJsonEscaping
$directory = Split-Path -Parent $OutputFile
if ($directory) {
    New-Item -ItemType Directory -Force -Path $directory | Out-Null
}
$temporary = "$OutputFile.tmp.$PID"
Set-Content -LiteralPath $temporary -Value $settings.ToJsonString($format) -Encoding utf8NoBOM
Move-Item -LiteralPath $temporary -Destination $OutputFile -Force
Write-Host "postprovision.ps1: wrote $OutputFile (settings of the azd environment $(if ($env:AZURE_ENV_NAME) { $env:AZURE_ENV_NAME } else { 'default' }); run func start from the build output)"
