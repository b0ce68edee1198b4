// What an on-call engineer must know, as Azure Monitor alert rules wired to one action group (docs/operations.md says
// what each rule means and what to do). Log rules read the app's OpenTelemetry metrics from Application Insights
// (customMetrics, names as in functions/TouchpointPipeline.Core/Pipeline/PipelineMetrics.cs) and the host's requests;
// metric rules read the platform metrics of Event Hubs and Cosmos DB.
param location string
param tags object = {}
param namePrefix string
param applicationInsightsName string
param logAnalyticsName string
param eventHubsNamespaceName string
param cosmosAccountName string

@description('Where alerts are e-mailed; empty: the action group has no receivers (rules still fire in the portal).')
param alertEmail string = ''

@minValue(0)
@description('Parked batches in the window above which the parked-batches rule fires (0: any parked batch).')
param parkedBatchesThreshold int = 0

@minValue(1)
@maxValue(100)
@description('Quarantined events as a percentage of received events in the window above which the quarantine-rate rule fires.')
param quarantineRatePercent int = 5

@minValue(0)
@description('Failed function invocations in the window above which the function-failures rule fires.')
param functionFailuresThreshold int = 5

@minValue(0)
@description('Messages received by the namespace but not yet read (incoming minus outgoing) in the window above which the consumer-lag rule fires.')
param consumerLagThreshold int = 10000

@minValue(0)
@description('Webhook alert deliveries given up in the window above which the delivery-failures rule fires (0: any).')
param alertDeliveryFailuresThreshold int = 0

@minValue(0)
@description('Cosmos DB requests answered 429 (rate limited) in the window above which the throttling rule fires.')
param cosmosThrottledRequestsThreshold int = 10

@description('How far back each rule looks (ISO 8601 duration).')
param windowSize string = 'PT15M'

@description('How often each rule is evaluated (ISO 8601 duration).')
param evaluationFrequency string = 'PT5M'

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource eventHubsNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubsNamespaceName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-oncall'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'touchpoints'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'on-call'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

// The namespace's platform metrics also go to the workspace so one log query can subtract outgoing from incoming
// messages (a metric alert cannot compare two metrics).
resource eventHubsDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'metrics-to-log-analytics'
  scope: eventHubsNamespace
  properties: {
    workspaceId: logAnalytics.id
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

var logRules = [
  {
    name: 'parked-batches'
    displayName: 'TouchpointPipeline: batches parked'
    description: 'An ingest batch failed every retry and was parked for replay (docs/operations.md#parked-batches).'
    severity: 1
    scope: applicationInsights.id
    query: 'customMetrics | where name == "touchpoint.batches.parked" | summarize value = sum(valueSum)'
    threshold: parkedBatchesThreshold
  }
  {
    name: 'quarantine-rate'
    displayName: 'TouchpointPipeline: quarantine rate high'
    description: 'Quarantined events exceed the allowed share of received events (docs/operations.md#quarantine-rate).'
    severity: 2
    scope: applicationInsights.id
    query: 'customMetrics | where name in ("touchpoint.events.received", "touchpoint.events.quarantined") | summarize received = sumif(valueSum, name == "touchpoint.events.received"), quarantined = sumif(valueSum, name == "touchpoint.events.quarantined") | where received > 0 | project value = 100.0 * quarantined / received'
    threshold: quarantineRatePercent
  }
  {
    name: 'function-failures'
    displayName: 'TouchpointPipeline: function invocations failing'
    description: 'Function invocations failed (the host retries ingest batches; the sweep runs again next tick) (docs/operations.md#function-failures).'
    severity: 2
    scope: applicationInsights.id
    query: 'requests | where success == false | summarize value = count()'
    threshold: functionFailuresThreshold
  }
  {
    name: 'alert-delivery-failures'
    displayName: 'TouchpointPipeline: alert webhook deliveries failing'
    description: 'The webhook sender gave up on alerts after its retries (docs/operations.md#alert-delivery-failures).'
    severity: 2
    scope: applicationInsights.id
    query: 'customMetrics | where name == "touchpoint.alerts.delivery_failures" | summarize value = sum(valueSum)'
    threshold: alertDeliveryFailuresThreshold
  }
  {
    name: 'consumer-lag'
    displayName: 'TouchpointPipeline: Event Hubs consumers falling behind'
    description: 'More messages arrived at the namespace than were read in the window (docs/operations.md#consumer-lag).'
    severity: 2
    scope: logAnalytics.id
    query: 'AzureMetrics | where ResourceId =~ "${eventHubsNamespace.id}" and MetricName in ("IncomingMessages", "OutgoingMessages") | summarize incoming = sumif(Total, MetricName == "IncomingMessages"), outgoing = sumif(Total, MetricName == "OutgoingMessages") | project value = incoming - outgoing'
    threshold: consumerLagThreshold
  }
]

resource scheduledQueryRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in logRules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        rule.scope
      ]
      evaluationFrequency: evaluationFrequency
      windowSize: windowSize
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Total'
            metricMeasureColumn: 'value'
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

resource cosmosThrottling 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-cosmos-throttled'
  location: 'global'
  tags: tags
  properties: {
    description: 'Cosmos DB answered requests with 429 (rate limited) beyond the SDK retries budget (docs/operations.md#cosmos-throttling).'
    severity: 2
    enabled: true
    scopes: [
      cosmosAccount.id
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'throttled'
          metricNamespace: 'Microsoft.DocumentDB/databaseAccounts'
          metricName: 'TotalRequests'
          dimensions: [
            {
              name: 'StatusCode'
              operator: 'Include'
              values: [
                '429'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: cosmosThrottledRequestsThreshold
          timeAggregation: 'Count'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

output actionGroupName string = actionGroup.name
output ruleNames array = concat(map(logRules, r => '${namePrefix}-${r.name}'), [cosmosThrottling.name])
