targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to derive a unique token for every resource name.')
param environmentName string

@minLength(1)
@description('Primary location for all resources.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the developer or CI identity running azd; gets the same data roles as the app. Empty to skip.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
@description('FlexConsumption (default, custom runtime) or ElasticPremium (documented for custom handlers with Event Hubs triggers).')
param hostingPlan string = 'FlexConsumption'

@allowed([
  512
  2048
  4096
])
@description('Flex Consumption instance memory in MB.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Flex Consumption maximum instance count.')
param maximumInstanceCount int = 100

@allowed([
  'EP1'
  'EP2'
  'EP3'
])
@description('Elastic Premium SKU (hostingPlan = ElasticPremium).')
param premiumSkuName string = 'EP1'

@minValue(1)
@maxValue(100)
@description('Elastic Premium maximum burst instances (hostingPlan = ElasticPremium).')
param premiumMaximumElasticWorkerCount int = 20

@minValue(1)
@maxValue(32)
@description('Partitions per event hub (fixed after creation on the Standard tier).')
param eventHubPartitionCount int = 4

@allowed([
  'Serverless'
  'Autoscale'
])
param cosmosThroughputMode string = 'Serverless'

@minValue(1000)
@maxValue(1000000)
@description('Cosmos autoscale maximum RU/s shared by the database (cosmosThroughputMode = Autoscale).')
param cosmosAutoscaleMaxThroughput int = 1000

// Retention (docs/security-and-privacy.md): the same defaults as the app's Retention settings (RetentionOptions).
@minValue(1)
@maxValue(24855)
@description('Days timeline items are kept (Cosmos DB default TTL of the timeline container).')
param retentionTimelineDays int = 395

@minValue(1)
@maxValue(24855)
@description('Days alerts are kept after their last change (default TTL of the alerts container).')
param retentionAlertDays int = 395

@minValue(1)
@maxValue(24855)
@description('Days identity links and refused links are kept (default TTL of the identities container).')
param retentionIdentityLinkDays int = 395

@minValue(1)
@maxValue(24855)
@description('Days detector state and pending checks are kept after their last write (default TTL of the state container).')
param retentionDetectorStateDays int = 30

@minValue(1)
@maxValue(24855)
@description('Days quarantined events are kept (lifecycle rule on the quarantine container).')
param retentionQuarantineDays int = 30

@minValue(1)
@maxValue(24855)
@description('Days parked batches are kept for ReplayParked (lifecycle rule on the parked container).')
param retentionParkedDays int = 30

@description('Validation__MaxEventBytes: largest accepted event, in bytes.')
param validationMaxEventBytes int = 32768

@description('Validation__MaxLateness: oldest accepted event time relative to now (d.hh:mm:ss).')
param validationMaxLateness string = '3.00:00:00'

@description('Validation__MaxFuture: latest accepted event time relative to now (hh:mm:ss).')
param validationMaxFuture string = '01:00:00'

@description('E-mail address the alert rules notify (azd env ALERT_EMAIL); empty: the rules fire without notifying anyone.')
param alertEmail string = ''

@minValue(1)
@maxValue(100)
@description('Quarantined share of received events, in percent, above which the quarantine-rate alert fires (azd env ALERT_QUARANTINE_RATE_PERCENT).')
param alertQuarantineRatePercent int = 5

// main.parameters.json fills piiSalt with $(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} pii-salt): azd reads the
// secret back from the vault, or on the first run (no vault yet) generates a password with MinLower 5, MinUpper 5,
// MinNumeric 5 and no Length, i.e. exactly 15 characters (azure-dev cli/azd/pkg/cmdsubst/secretOrRandomPassword.go
// calls password.Generate; cli/azd/pkg/password/generator.go makes the length the sum of the minimums). So this
// accepts 15, and app/keyvault.bicep's piiSaltToStore extends a short first-run value before it is stored.
@secure()
@minLength(15)
@description('Salt for hashing e-mail customer ids (Enrichment__Pii__Salt), kept in Key Vault. azd generates it once and reads it back from the vault on later runs.')
param piiSalt string

// newGuid() is allowed only as a parameter default; it is evaluated per deployment but used only on the first run,
// while the vault holds no salt yet (later runs read back the stored, already long enough, salt unchanged).
@secure()
@description('Fresh randomness appended to a first-run salt shorter than the app accepts. Leave unset.')
param piiSaltExtension string = newGuid()

// The dead-letter encryption key (DeadLetterStorage__EncryptionKey) comes the same way:
// $(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} dead-letter-key), 15 characters on the first run, read back from
// the vault unchanged on later runs. The app derives the AES-256 key from it (HKDF-SHA256).
@secure()
@minLength(15)
@description('Secret the dead-letter encryption key is derived from (DeadLetterStorage__EncryptionKey), kept in Key Vault. azd generates it once and reads it back from the vault on later runs.')
param deadLetterKey string

// Two GUIDs, each its own newGuid() default: one GUID holds 122 random bits, the 64 hex digits of two hold 244, so
// the first-run key has well over 128 bits of fresh randomness without counting azd's 15 characters.
@secure()
@description('Fresh randomness appended to a first-run dead-letter key shorter than the app accepts. Leave unset.')
param deadLetterKeyExtension string = newGuid()

@secure()
@description('More fresh randomness appended to a first-run dead-letter key. Leave unset.')
param deadLetterKeyExtension2 string = newGuid()

import { deadLetterKeyToStore, piiSaltToStore } from 'app/keyvault.bicep'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var functionAppName = '${abbrs.webSitesFunctions}touchpoints-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var cosmosDatabaseName = 'touchpoints'
var ingestConsumerGroupName = 'pipeline'

// Event hub names; the app gets them as ClickstreamHubName, CallsHubName, ChatsHubName and AlertsHubName,
// which the function.json files read as %ClickstreamHubName%, ...
var hubNames = {
  clickstream: 'clickstream'
  calls: 'calls'
  chats: 'chats'
  alerts: 'alerts'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}touchpoints-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    quarantineRetentionDays: retentionQuarantineDays
    parkedRetentionDays: retentionParkedDays
  }
}

module eventHubs 'app/eventhubs.bicep' = {
  name: 'eventhubs'
  scope: rg
  params: {
    name: '${abbrs.eventHubNamespaces}${resourceToken}'
    location: location
    tags: tags
    ingestHubNames: [
      hubNames.clickstream
      hubNames.calls
      hubNames.chats
    ]
    outputHubNames: [
      hubNames.alerts
    ]
    ingestConsumerGroupName: ingestConsumerGroupName
    partitionCount: eventHubPartitionCount
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    throughputMode: cosmosThroughputMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    timelineTtlSeconds: retentionTimelineDays * 86400
    alertsTtlSeconds: retentionAlertDays * 86400
    identitiesTtlSeconds: retentionIdentityLinkDays * 86400
    stateTtlSeconds: retentionDetectorStateDays * 86400
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    piiSalt: piiSaltToStore(piiSalt, piiSaltExtension)
    deadLetterKey: deadLetterKeyToStore(deadLetterKey, '${deadLetterKeyExtension}${deadLetterKeyExtension2}')
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    hostingPlan: hostingPlan
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    premiumSkuName: premiumSkuName
    premiumMaximumElasticWorkerCount: premiumMaximumElasticWorkerCount
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    eventHubsFullyQualifiedNamespace: eventHubs.outputs.fullyQualifiedNamespace
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    clickstreamHubName: hubNames.clickstream
    callsHubName: hubNames.calls
    chatsHubName: hubNames.chats
    alertsHubName: hubNames.alerts
    ingestConsumerGroupName: ingestConsumerGroupName
    validationMaxEventBytes: validationMaxEventBytes
    validationMaxLateness: validationMaxLateness
    validationMaxFuture: validationMaxFuture
    piiSaltSecretUri: keyVault.outputs.piiSaltSecretUri
    deadLetterKeySecretUri: keyVault.outputs.deadLetterKeySecretUri
  }
  dependsOn: [
    rbac // the host needs its data roles before it first starts
  ]
}

module monitoringAlerts 'app/monitoring-alerts.bicep' = {
  name: 'monitoring-alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    namePrefix: 'touchpoints-${resourceToken}'
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    logAnalyticsName: monitoring.outputs.logAnalyticsName
    eventHubsNamespaceName: eventHubs.outputs.name
    cosmosAccountName: cosmos.outputs.name
    alertEmail: alertEmail
    quarantineRatePercent: alertQuarantineRatePercent
  }
}

module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    eventHubsNamespaceName: eventHubs.outputs.name
    cosmosAccountName: cosmos.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    managedIdentityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output HOSTING_PLAN string = hostingPlan
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = 'https://${api.outputs.defaultHostName}'
output SERVICE_API_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output SERVICE_API_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output EVENTHUBS_NAMESPACE string = eventHubs.outputs.name
output EVENTHUBS_FULLY_QUALIFIED_NAMESPACE string = eventHubs.outputs.fullyQualifiedNamespace
output COSMOS_ACCOUNT_NAME string = cosmos.outputs.name
output COSMOS_ACCOUNT_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE_NAME string = cosmos.outputs.databaseName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output ALERT_ACTION_GROUP_NAME string = monitoringAlerts.outputs.actionGroupName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
// The Values of a local.settings.json for running the app against these resources (infra/scripts/postprovision.sh).
output LOCAL_SETTINGS_VALUES object = api.outputs.localSettingsValues
