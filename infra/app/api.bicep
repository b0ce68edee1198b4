// The function app and its plan. Flex Consumption (default) runs the self-contained linux-x64 handler on the
// 'custom' runtime; Elastic Premium is the documented hosting option for custom handlers with Event Hubs triggers.
param name string
param planName string
param location string
param tags object = {}

@description('The azd service name in azure.yaml; azd finds the app through this tag.')
param serviceName string = 'api'

@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@allowed([
  'custom'
])
@description('Flex Consumption runtime. ARM accepts typos here and the host then fails at start-up, so it is pinned.')
param flexRuntimeName string = 'custom'

@allowed([
  '1.0'
])
param flexRuntimeVersion string = '1.0'

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param premiumSkuName string = 'EP1'

@minValue(1)
@maxValue(100)
@description('Elastic Premium only: maximum burst instances.')
param premiumMaximumElasticWorkerCount int = 20

param identityId string
param identityClientId string
param storageAccountName string
param storageBlobEndpoint string
param deploymentContainerName string
param eventHubsFullyQualifiedNamespace string
param cosmosEndpoint string
param cosmosDatabaseName string
param applicationInsightsConnectionString string

param clickstreamHubName string
param callsHubName string
param chatsHubName string
param alertsHubName string
param ingestConsumerGroupName string

@description('SweepSchedule: NCRONTAB (seconds first) of the SweepPatterns timer; the host refuses to load it without a value.')
param sweepSchedule string = '0 */1 * * * *'

@description('Validation__MaxEventBytes, in bytes.')
param validationMaxEventBytes int

@description('Validation__MaxLateness (d.hh:mm:ss).')
param validationMaxLateness string

@description('Validation__MaxFuture (hh:mm:ss).')
param validationMaxFuture string

@description('Key Vault secret URI of the PII salt (Enrichment__Pii__Salt), read through a Key Vault reference.')
param piiSaltSecretUri string

@description('Key Vault secret URI of the dead-letter key (DeadLetterStorage__EncryptionKey), read through a Key Vault reference.')
param deadLetterKeySecretUri string

var isFlex = hostingPlan == 'FlexConsumption'

// Setting names match local.settings.sample.json and the code exactly; connections are identity-based here
// (<connection>__fullyQualifiedNamespace/__accountName/__blobServiceUri + __credential + __clientId).
// Kept as one literal object (no union) so the deployment tests can read every name from the compiled template.
var baseAppSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  EventHubConnection__fullyQualifiedNamespace: eventHubsFullyQualifiedNamespace
  EventHubConnection__credential: 'managedidentity'
  EventHubConnection__clientId: identityClientId
  IngestConsumerGroup: ingestConsumerGroupName
  Storage__Provider: 'Cosmos'
  Cosmos__AccountEndpoint: cosmosEndpoint
  Cosmos__ClientId: identityClientId
  Cosmos__DatabaseName: cosmosDatabaseName
  DeadLetterStorage__blobServiceUri: storageBlobEndpoint
  DeadLetterStorage__clientId: identityClientId
  DeadLetterStorage__EncryptionKey: '@Microsoft.KeyVault(SecretUri=${deadLetterKeySecretUri})'
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  ClickstreamHubName: clickstreamHubName
  CallsHubName: callsHubName
  ChatsHubName: chatsHubName
  AlertsHubName: alertsHubName
  SweepSchedule: sweepSchedule
  Validation__MaxEventBytes: string(validationMaxEventBytes)
  Validation__MaxLateness: validationMaxLateness
  Validation__MaxFuture: validationMaxFuture
  Enrichment__Pii__Salt: '@Microsoft.KeyVault(SecretUri=${piiSaltSecretUri})'
  // As the dev host: ASP.NET Core's own lines at Warning (the URL-printing categories are capped in code as well).
  'Logging__LogLevel__Microsoft.AspNetCore': 'Warning'
}

// What a developer's machine needs to run this app against these resources, signed in as the developer
// (DefaultAzureCredential: az login / azd auth login, with the data roles rbac.bicep grants AZURE_PRINCIPAL_ID). The
// postprovision hook (infra/scripts/postprovision.sh) writes these as the Values of local.settings.json. The same
// names and values as the app settings, without what only the managed identity can use (__credential, __clientId,
// Cosmos__ClientId, AZURE_CLIENT_ID) and without telemetry (a connection string; local runs log to the console).
// The salt and the dead-letter key stay Key Vault references, which func start resolves with the developer's
// credential. A literal object too, so the deployment tests can compare it with the app settings name by name.
var localSettingsValues = {
  FUNCTIONS_WORKER_RUNTIME: 'custom'
  AzureWebJobsStorage__accountName: storageAccountName
  EventHubConnection__fullyQualifiedNamespace: eventHubsFullyQualifiedNamespace
  IngestConsumerGroup: ingestConsumerGroupName
  Storage__Provider: 'Cosmos'
  Cosmos__AccountEndpoint: cosmosEndpoint
  Cosmos__DatabaseName: cosmosDatabaseName
  DeadLetterStorage__blobServiceUri: storageBlobEndpoint
  DeadLetterStorage__EncryptionKey: '@Microsoft.KeyVault(SecretUri=${deadLetterKeySecretUri})'
  ClickstreamHubName: clickstreamHubName
  CallsHubName: callsHubName
  ChatsHubName: chatsHubName
  AlertsHubName: alertsHubName
  SweepSchedule: sweepSchedule
  Validation__MaxEventBytes: string(validationMaxEventBytes)
  Validation__MaxLateness: validationMaxLateness
  Validation__MaxFuture: validationMaxFuture
  Enrichment__Pii__Salt: '@Microsoft.KeyVault(SecretUri=${piiSaltSecretUri})'
  // As the dev host: ASP.NET Core's own lines at Warning (the URL-printing categories are capped in code as well).
  'Logging__LogLevel__Microsoft.AspNetCore': 'Warning'
}

// Flex Consumption takes the runtime from functionAppConfig and rejects these; Elastic Premium needs them.
// Without an Azure Files content share (shared keys are off), Premium runs from the zip azd deploys.
var premiumAppSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'custom'
  WEBSITE_RUN_FROM_PACKAGE: '1'
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: premiumSkuName
        tier: 'ElasticPremium'
      }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : premiumMaximumElasticWorkerCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: '${storageBlobEndpoint}${deploymentContainerName}'
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identityId
              }
            }
          }
          scaleAndConcurrency: {
            instanceMemoryMB: instanceMemoryMB
            maximumInstanceCount: maximumInstanceCount
          }
          runtime: {
            name: flexRuntimeName
            version: flexRuntimeVersion
          }
        }
      : null
    siteConfig: isFlex
      ? {
          minTlsVersion: '1.2'
          ftpsState: 'Disabled'
        }
      : {
          linuxFxVersion: ''
          minTlsVersion: '1.2'
          ftpsState: 'Disabled'
          use32BitWorkerProcess: false
        }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: isFlex ? baseAppSettings : union(baseAppSettings, premiumAppSettings)
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output planSku string = plan.sku.name
output localSettingsValues object = localSettingsValues
