// Cosmos DB for NoSQL: account, database and containers. Containers are created here because Entra ID data-plane
// roles cannot create them (a management operation). Local (key) auth is disabled.
param name string
param location string
param tags object = {}
param databaseName string

@allowed([
  'Serverless'
  'Autoscale'
])
@description('Serverless (pay per request, single region) or provisioned autoscale throughput shared by the database.')
param throughputMode string = 'Serverless'

@minValue(1000)
@maxValue(1000000)
@description('Autoscale only: maximum RU/s shared by all containers (scales between 10% and 100%).')
param autoscaleMaxThroughput int = 1000

// Default time to live per container, in seconds, counted from an item's last write (Retention in the app's docs).
@minValue(1)
@description('Default time to live of timeline items, in seconds.')
param timelineTtlSeconds int

@minValue(1)
@description('Default time to live of alerts, in seconds.')
param alertsTtlSeconds int

@minValue(1)
@description('Default time to live of identity links and refusals, in seconds (the erasure tombstones carry their own ttl).')
param identitiesTtlSeconds int

@minValue(1)
@description('Default time to live of detector state and pending checks, in seconds.')
param stateTtlSeconds int

var isServerless = throughputMode == 'Serverless'

// Only the paths the app filters or sorts on are indexed; everything else is excluded.
var containers = [
  {
    name: 'timeline'
    defaultTtl: timelineTtlSeconds
    includedPaths: ['/customerKey/?', '/sk/?', '/type/?', '/channel/?']
  }
  {
    name: 'alerts'
    defaultTtl: alertsTtlSeconds
    includedPaths: ['/status/?', '/severity/?', '/ruleId/?', '/createdAt/?', '/escalatedAt/?', '/customerKey/?']
  }
  {
    name: 'identities'
    defaultTtl: identitiesTtlSeconds
    includedPaths: ['/customerKey/?', '/type/?']
  }
  {
    name: 'state'
    defaultTtl: stateTtlSeconds
    includedPaths: ['/customerKey/?', '/type/?', '/deadline/?']
  }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: isServerless ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableFreeTier: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: isServerless ? {} : { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: {
        id: container.name
        partitionKey: {
          paths: ['/customerKey']
          kind: 'Hash'
          version: 2
        }
        defaultTtl: container.defaultTtl
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: [for path in container.includedPaths: { path: path }]
          excludedPaths: [{ path: '/*' }]
        }
      }
    }
  }
]

output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
