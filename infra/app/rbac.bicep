// Every role assignment in the deployment lives here: the app's user-assigned identity, and optionally the
// developer who ran `azd up` (principalId) so that `func start` against Azure works with `az login`.
param storageAccountName string
param eventHubsNamespaceName string
param cosmosAccountName string
param applicationInsightsName string
param keyVaultName string

@description('Principal id of the function app\'s user-assigned managed identity.')
param managedIdentityPrincipalId string

@description('Principal id of the developer or CI identity; empty to skip its role assignments.')
param userPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param userPrincipalType string = 'User'

// Azure built-in role definition ids.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // host storage, deployment package, quarantine
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // host queues
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // host tables
var eventHubsDataReceiverRoleId = 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde' // eventHubTrigger
var eventHubsDataSenderRoleId = '2b629674-e913-4c01-ae53-ef4638d8f975' // eventHub output (alerts)
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault references (PII salt, write keys)
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7' // developer: manage secrets
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb' // Entra ID telemetry ingestion
// Cosmos DB data-plane (SQL) built-in role, scoped to the account.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002' // Cosmos DB Built-in Data Contributor

var storageRoleIds = [
  storageBlobDataOwnerRoleId
  storageQueueDataContributorRoleId
  storageTableDataContributorRoleId
]
var eventHubsRoleIds = [
  eventHubsDataReceiverRoleId
  eventHubsDataSenderRoleId
]

var principals = concat(
  [
    {
      id: managedIdentityPrincipalId
      type: 'ServicePrincipal'
    }
  ],
  empty(userPrincipalId)
    ? []
    : [
        {
          id: userPrincipalId
          type: userPrincipalType
        }
      ]
)

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource eventHubsNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubsNamespaceName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for pair in flatten(map(principals, p => map(storageRoleIds, r => { principal: p, roleId: r }))): {
    name: guid(storageAccount.id, pair.principal.id, pair.roleId)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', pair.roleId)
      principalId: pair.principal.id
      principalType: pair.principal.type
    }
  }
]

resource eventHubsRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for pair in flatten(map(principals, p => map(eventHubsRoleIds, r => { principal: p, roleId: r }))): {
    name: guid(eventHubsNamespace.id, pair.principal.id, pair.roleId)
    scope: eventHubsNamespace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', pair.roleId)
      principalId: pair.principal.id
      principalType: pair.principal.type
    }
  }
]

resource monitoringRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(applicationInsights.id, principal.id, monitoringMetricsPublisherRoleId)
    scope: applicationInsights
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
      principalId: principal.id
      principalType: principal.type
    }
  }
]

resource cosmosRoleAssignments 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = [
  for principal in principals: {
    parent: cosmosAccount
    name: guid(cosmosAccount.id, principal.id, cosmosDataContributorRoleId)
    properties: {
      principalId: principal.id
      roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
      scope: cosmosAccount.id
    }
  }
]

// The app resolves Key Vault references (Secrets User); the developer who ran `azd up` manages the secrets (Secrets
// Officer): reads the salt for runs against Azure, adds collector write keys.
resource keyVaultRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(keyVault.id, principal.id, principal.id == managedIdentityPrincipalId ? keyVaultSecretsUserRoleId : keyVaultSecretsOfficerRoleId)
    scope: keyVault
    properties: {
      roleDefinitionId: subscriptionResourceId(
        'Microsoft.Authorization/roleDefinitions',
        principal.id == managedIdentityPrincipalId ? keyVaultSecretsUserRoleId : keyVaultSecretsOfficerRoleId
      )
      principalId: principal.id
      principalType: principal.type
    }
  }
]
