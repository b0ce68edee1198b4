// The operator's dashboard: an Azure Workbook on the Application Insights resource, drawn from the app's
// OpenTelemetry metrics in customMetrics (docs/operations.md#dashboard). The support console's overview page shows the
// same picture locally from GET /api/metrics.
param location string
param tags object = {}
param applicationInsightsName string

@description('Stable workbook resource name (a GUID).')
param workbookId string = guid(resourceGroup().id, applicationInsightsName, 'touchpoint-operations')

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var timeRange = {
  type: 4
  value: {
    durationMs: 86400000
  }
}

func chart(title string, query string, visualization string) object => {
  type: 3
  content: {
    version: 'KqlItem/1.0'
    title: title
    query: query
    size: 1
    timeContextFromParameter: 'TimeRange'
    queryType: 0
    resourceType: 'microsoft.insights/components'
    visualization: visualization
  }
  customWidth: '50'
}

var panels = [
  chart(
    'Events received per hub (per 5 min)',
    'customMetrics | where name == "touchpoint.events.received" | summarize events = sum(valueSum) by hub = tostring(customDimensions.hub), bin(timestamp, 5m) | render timechart',
    'timechart'
  )
  chart(
    'Stored, duplicates, quarantined per hub',
    'customMetrics | where name in ("touchpoint.events.stored", "touchpoint.events.duplicates", "touchpoint.events.quarantined") | summarize events = sum(valueSum) by hub = tostring(customDimensions.hub), name | evaluate pivot(name, sum(events))',
    'table'
  )
  chart(
    'Quarantined events by reason',
    'customMetrics | where name == "touchpoint.events.quarantined" | summarize events = sum(valueSum) by reason = tostring(customDimensions.reason) | order by events desc',
    'barchart'
  )
  chart(
    'Parked batches by function',
    'customMetrics | where name == "touchpoint.batches.parked" | summarize batches = sum(valueSum) by function = tostring(customDimensions.function), bin(timestamp, 1h)',
    'barchart'
  )
  chart(
    'Alert latency (delivered to raised, s): percentiles of the exported interval means, and the maximum',
    'customMetrics | where name == "touchpoint.alert.latency" and valueCount > 0 | summarize percentilesw(valueSum / valueCount, valueCount, 50, 95, 99), max = max(valueMax) by bin(timestamp, 15m) | render timechart',
    'timechart'
  )
  chart(
    'Alerts raised and delivered by rule',
    'customMetrics | where name in ("touchpoint.alerts.raised", "touchpoint.alerts.delivered") | summarize alerts = sum(valueSum) by rule = tostring(customDimensions.rule), name | evaluate pivot(name, sum(alerts)) | order by rule asc',
    'table'
  )
  chart(
    'Cosmos RU per stored event',
    'customMetrics | where name in ("touchpoint.cosmos.request_charge", "touchpoint.events.stored") | summarize ru = sumif(valueSum, name == "touchpoint.cosmos.request_charge"), stored = sumif(valueSum, name == "touchpoint.events.stored") by bin(timestamp, 15m) | extend ruPerEvent = iff(stored > 0, ru / stored, real(null)) | project timestamp, ruPerEvent | render timechart',
    'timechart'
  )
  chart(
    'Collector events by write key and outcome',
    'customMetrics | where name == "touchpoint.collector.events" | summarize events = sum(valueSum) by key = tostring(customDimensions.key), outcome = tostring(customDimensions.outcome) | evaluate pivot(outcome, sum(events))',
    'table'
  )
  chart(
    'Batch duration (s): mean and maximum per function',
    'customMetrics | where name == "touchpoint.batch.duration" | summarize mean = sum(valueSum) / sum(valueCount), max = max(valueMax) by function = tostring(customDimensions.function), bin(timestamp, 15m) | render timechart',
    'timechart'
  )
]

var workbookContent = {
  version: 'Notebook/1.0'
  items: concat(
    [
      {
        type: 1
        content: {
          json: '## TouchpointPipeline operations\nFrom the app\'s OpenTelemetry metrics (meter `TouchpointPipeline`). What each number means and what to do: docs/operations.md in the repository.'
        }
      }
      {
        type: 9
        content: {
          version: 'KqlParameterItem/1.0'
          parameters: [
            {
              id: 'time-range'
              version: 'KqlParameterItem/1.0'
              name: 'TimeRange'
              type: 4
              isRequired: true
              value: timeRange.value
              typeSettings: {
                selectableValues: [
                  { durationMs: 3600000 }
                  { durationMs: 14400000 }
                  { durationMs: 86400000 }
                  { durationMs: 604800000 }
                ]
              }
            }
          ]
        }
      }
    ],
    panels
  )
  styleSettings: {}
  '$schema': 'https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json'
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: workbookId
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'TouchpointPipeline operations'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: string(workbookContent)
  }
}

output workbookName string = workbook.name
