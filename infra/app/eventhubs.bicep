// Event Hubs Standard namespace (Standard: more than one consumer group per hub) with the pipeline's
// hubs. Local (SAS) auth is disabled: the Functions host and the emitter SDK use Entra ID.
param name string
param location string
param tags object = {}

@description('Hubs whose events the pipeline ingests; each gets the ingest consumer group.')
param ingestHubNames array

@description('Hubs the pipeline only writes to (no consumer group created here).')
param outputHubNames array

param ingestConsumerGroupName string

@minValue(1)
@maxValue(32)
@description('Partitions per hub. Cannot be raised later on the Standard tier: size it for peak parallelism.')
param partitionCount int = 4

@minValue(1)
@maxValue(168)
param retentionInHours int = 24

@minValue(1)
@maxValue(40)
@description('Throughput units (1 TU = 1 MB/s or 1000 events/s in).')
param capacity int = 1

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: capacity
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource ingestHubs 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = [
  for hubName in ingestHubNames: {
    parent: namespace
    name: hubName
    properties: {
      partitionCount: partitionCount
      retentionDescription: {
        cleanupPolicy: 'Delete'
        retentionTimeInHours: retentionInHours
      }
    }
  }
]

resource ingestConsumerGroups 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = [
  for (hubName, i) in ingestHubNames: {
    parent: ingestHubs[i]
    name: ingestConsumerGroupName
  }
]

resource outputHubs 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = [
  for hubName in outputHubNames: {
    parent: namespace
    name: hubName
    properties: {
      partitionCount: partitionCount
      retentionDescription: {
        cleanupPolicy: 'Delete'
        retentionTimeInHours: retentionInHours
      }
    }
  }
]

output name string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
