using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

/// <summary>infra/app/monitoring-alerts.bicep and infra/app/workbook.bicep, through the compiled main template.</summary>
public sealed partial class MonitoringTests(CompiledTemplate compiled)
{
    private JsonObject Alerts => compiled.Modules["monitoring-alerts"];

    private JsonObject Workbook => compiled.Modules["workbook"];

    [Theory]
    [InlineData("parked-batches", "touchpoint.batches.parked")]
    [InlineData("quarantine-rate", "touchpoint.events.quarantined")]
    [InlineData("function-failures", "requests | where success == false")]
    [InlineData("alert-delivery-failures", "touchpoint.alerts.delivery_failures")]
    [InlineData("consumer-lag", "OutgoingMessages")]
    public void LogAlertRule_ForEachOnCallCondition_IsDeclaredWithItsQuery(string rule, string queryPart)
    {
        var declared = LogRules().Single(r => r["name"]!.GetValue<string>() == rule);

        Assert.Contains(queryPart, declared["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(CompiledTemplate.Resources(Alerts), r => CompiledTemplate.Type(r) == "Microsoft.Insights/scheduledQueryRules");
    }

    [Fact]
    public void CosmosThrottlingRule_CountsRequestsAnswered429()
    {
        var rule = CompiledTemplate.Resources(Alerts).Single(r => CompiledTemplate.Type(r) == "Microsoft.Insights/metricAlerts");
        var criterion = rule["properties"]!["criteria"]!["allOf"]![0]!;

        Assert.Equal("TotalRequests", criterion["metricName"]!.GetValue<string>());
        Assert.Equal("StatusCode", criterion["dimensions"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(["429"], criterion["dimensions"]![0]!["values"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void AlertThresholds_AreAllModuleParametersWithDefaults()
    {
        var parameters = Alerts["parameters"]!.AsObject();
        var thresholds = LogRules().Select(r => r["threshold"]!.GetValue<string>())
            .Append(CompiledTemplate.Resources(Alerts).Single(r => CompiledTemplate.Type(r) == "Microsoft.Insights/metricAlerts")
                ["properties"]!["criteria"]!["allOf"]![0]!["threshold"]!.GetValue<string>())
            .ToList();

        Assert.Equal(6, thresholds.Count);
        foreach (var threshold in thresholds)
        {
            var match = ParameterReference().Match(threshold);
            Assert.True(match.Success, $"threshold '{threshold}' is not a parameter");
            Assert.NotNull(parameters[match.Groups[1].Value]!["defaultValue"]);
        }
    }

    [Fact]
    public void QuarantineRateAndAlertEmail_ComeFromTheAzdEnvironment()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Repository.File("infra", "main.parameters.json")))!["parameters"]!;
        var module = CompiledTemplate.Resources(compiled.Template).Single(r => r["name"]?.GetValue<string>() == "monitoring-alerts");

        Assert.Equal("${ALERT_EMAIL}", parameters["alertEmail"]!["value"]!.GetValue<string>());
        Assert.Equal("${ALERT_QUARANTINE_RATE_PERCENT=5}", parameters["alertQuarantineRatePercent"]!["value"]!.GetValue<string>());
        Assert.Equal("", compiled.Template["parameters"]!["alertEmail"]!["defaultValue"]!.GetValue<string>());
        Assert.Contains("alertEmail", module["properties"]!["parameters"]!["alertEmail"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void ActionGroup_WithoutEmail_HasNoReceivers()
    {
        var group = CompiledTemplate.Resources(Alerts).Single(r => CompiledTemplate.Type(r) == "Microsoft.Insights/actionGroups");

        Assert.Equal("[if(empty(parameters('alertEmail')), createArray(), createArray(createObject('name', 'on-call', 'emailAddress', parameters('alertEmail'), 'useCommonAlertSchema', true())))]",
            group["properties"]!["emailReceivers"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("touchpoint.events.received")]
    [InlineData("touchpoint.events.quarantined")]
    [InlineData("touchpoint.batches.parked")]
    [InlineData("touchpoint.alert.latency")]
    [InlineData("touchpoint.alerts.raised")]
    [InlineData("touchpoint.cosmos.request_charge")]
    public void Workbook_ChartsEachOperatorQuestion(string metric)
    {
        Assert.Contains(CompiledTemplate.Resources(Workbook), r => CompiledTemplate.Type(r) == "Microsoft.Insights/workbooks");
        Assert.Contains(metric, Workbook.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MetricNamesInInfra_AreInstrumentsOfTheApp()
    {
        var instruments = File.ReadAllText(Repository.File("functions", "TouchpointPipeline.Core", "Pipeline", "PipelineMetrics.cs"));
        var infra = File.ReadAllText(Repository.File("infra", "app", "monitoring-alerts.bicep")) + File.ReadAllText(Repository.File("infra", "app", "workbook.bicep"));
        var names = MetricName().Matches(infra).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(names);
        // touchpoint.cosmos.request_charge is recorded by the Cosmos adapter's own meter (TelemetryNames.CosmosMeterName).
        Assert.All(names.Where(n => n != "touchpoint.cosmos.request_charge"), n => Assert.Contains($"\"{n}\"", instruments, StringComparison.Ordinal));
    }

    private IEnumerable<JsonObject> LogRules() => Alerts["variables"]!["logRules"]!.AsArray().OfType<JsonObject>();

    [GeneratedRegex(@"^\[parameters\('(\w+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"touchpoint\.[a-z_]+\.[a-z_]+")]
    private static partial Regex MetricName();
}
