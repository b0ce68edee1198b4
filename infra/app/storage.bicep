// Storage for the Functions host (AzureWebJobsStorage: leases, Event Hubs checkpoints, timers), the Flex Consumption
// deployment package, and the pipeline's quarantine/parked blob containers. Shared-key access is disabled: every
// caller uses Entra ID (the app's managed identity, or the developer for local-against-Azure runs).
param name string
param location string
param tags object = {}
param deploymentContainerName string

@description('Blob containers the handler writes to (DeadLetterStorage).')
param pipelineContainerNames array = [
  'quarantine'
  'parked'
]

@minValue(1)
@description('Days a quarantined event is kept (lifecycle rule on the quarantine container).')
param quarantineRetentionDays int

@minValue(1)
@description('Days a parked batch is kept for replay (lifecycle rule on the parked container).')
param parkedRetentionDays int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource pipelineContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in pipelineContainerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

// Dead letters expire: the account's lifecycle management deletes quarantined events and parked batches (blobs and any
// older versions or snapshots) once they are older than their retention, counted from the last write.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-quarantine'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['quarantine/']
            }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: quarantineRetentionDays } }
              snapshot: { delete: { daysAfterCreationGreaterThan: quarantineRetentionDays } }
              version: { delete: { daysAfterCreationGreaterThan: quarantineRetentionDays } }
            }
          }
        }
        {
          name: 'expire-parked'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['parked/']
            }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: parkedRetentionDays } }
              snapshot: { delete: { daysAfterCreationGreaterThan: parkedRetentionDays } }
              version: { delete: { daysAfterCreationGreaterThan: parkedRetentionDays } }
            }
          }
        }
      ]
    }
  }
  dependsOn: [pipelineContainers]
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
