using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Observability;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task GetHealth_EmbeddedStores_AnswersOkAndListsEveryCheck()
    {
        await using var app = new PipelineAppFactory(settings: new Dictionary<string, string?> { ["EventHubConnection"] = "Endpoint=sb://127.0.0.1:9;SharedAccessKeyName=k;SharedAccessKey=x;UseDevelopmentEmulator=true" });

        using var response = await app.CreateClient().GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(
            ["alerts", "dead-letters", "detector-state", "identities", "publisher", "timelines"],
            report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetHealth_TimelineStoreUnreachable_Answers503NamingOnlyThatStore()
    {
        await using var app = new PipelineAppFactory(
            s => s.Replace(ServiceDescriptor.Singleton<ITimelineStore, UnreachableTimelineStore>()),
            new Dictionary<string, string?> { ["EventHubConnection"] = "Endpoint=sb://127.0.0.1:9;SharedAccessKeyName=k;SharedAccessKey=x;UseDevelopmentEmulator=true" });

        using var response = await app.CreateClient().GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        var failing = Assert.Single(report.GetProperty("checks").EnumerateArray(), c => c.GetProperty("status").GetString() != "Healthy");
        Assert.Equal("timelines", failing.GetProperty("name").GetString());
        Assert.Equal(nameof(HttpRequestException), failing.GetProperty("error").GetString());
        Assert.DoesNotContain("unreachable (test)", report.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHealth_NoPublisherConfigured_IsDegradedButOk()
    {
        await using var app = new PipelineAppFactory();

        using var response = await app.CreateClient().GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        var publisher = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "publisher");
        Assert.Equal("Degraded", publisher.GetProperty("status").GetString());
    }
}
