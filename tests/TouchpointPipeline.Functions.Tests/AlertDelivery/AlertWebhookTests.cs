using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Functions.AlertDelivery;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.AlertDelivery;

/// <summary>The webhook against a real HTTP listener on a free loopback port.</summary>
[Collection(StartupFailureCollection.Name)]
public sealed class AlertWebhookTests : IAsyncLifetime
{
    private const string Secret = "test-secret-not-for-production";
    private readonly ConcurrentQueue<(string Body, string? Signature, string? AlertId, string? ContentType)> _received = new();
    private readonly ConcurrentQueue<int> _statuses = new();
    private WebApplication? _receiver;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Uri Url => new(_receiver!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks/alerts");

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hooks/alerts", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            _received.Enqueue((await reader.ReadToEndAsync(), request.Headers["X-Touchpoint-Signature"].FirstOrDefault(),
                request.Headers["X-Touchpoint-Alert-Id"].FirstOrDefault(), request.ContentType));
            return Results.StatusCode(_statuses.TryDequeue(out var status) ? status : 200);
        });
        await _receiver.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    [Fact]
    public async Task Sender_ReceiverFailsTwice_RetriesWithBackoffAndDeliversSignedJson()
    {
        _statuses.Enqueue(500);
        _statuses.Enqueue(503);
        var options = new AlertWebhookOptions { Url = Url, Secret = Secret, FirstRetryDelay = TimeSpan.FromMilliseconds(20), MaxAttempts = 5 };
        var queue = new AlertWebhookQueue(options, NullLogger<AlertWebhookQueue>.Instance);
        using var http = new HttpClient();
        using var sender = new AlertWebhookSender(queue, Substitute.For<IAlertStore>(), http, options, TimeProvider.System, NullLogger<AlertWebhookSender>.Instance);
        await sender.StartAsync(Ct);

        queue.Publish([Alert("al-1")]);
        await WaitForAsync(() => _received.Count >= 3);
        await sender.StopAsync(Ct);

        var attempts = _received.ToArray();
        Assert.Equal(3, attempts.Length);
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        var last = attempts[^1];
        Assert.Equal(AlertJson.Serialize(Alert("al-1")), last.Body);
        Assert.Equal(AlertWebhookSender.Sign(Encoding.UTF8.GetBytes(last.Body), Secret), last.Signature);
        Assert.Matches("^sha256=[0-9a-f]{64}$", last.Signature!);
        Assert.Equal("al-1", last.AlertId);
        Assert.StartsWith("application/json", last.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sender_ReceiverAlwaysFails_GivesUpAfterMaxAttemptsAndMovesOn()
    {
        for (var i = 0; i < 3; i++)
        {
            _statuses.Enqueue(500);
        }

        var options = new AlertWebhookOptions { Url = Url, Secret = Secret, FirstRetryDelay = TimeSpan.FromMilliseconds(10), MaxAttempts = 3 };
        var queue = new AlertWebhookQueue(options, NullLogger<AlertWebhookQueue>.Instance);
        using var http = new HttpClient();
        using var sender = new AlertWebhookSender(queue, Substitute.For<IAlertStore>(), http, options, TimeProvider.System, NullLogger<AlertWebhookSender>.Instance);
        await sender.StartAsync(Ct);

        queue.Publish([Alert("al-doomed"), Alert("al-next")]);
        await WaitForAsync(() => _received.Any(r => r.AlertId == "al-next"));
        await sender.StopAsync(Ct);

        Assert.Equal(3, _received.Count(r => r.AlertId == "al-doomed"));
        Assert.Equal(1, _received.Count(r => r.AlertId == "al-next"));
    }

    [Fact]
    public void Queue_Full_DropsWithoutBlockingOrThrowing()
    {
        var options = new AlertWebhookOptions { Url = Url, Secret = Secret, QueueCapacity = 2 };
        var queue = new AlertWebhookQueue(options, NullLogger<AlertWebhookQueue>.Instance);

        queue.Publish([Alert("a"), Alert("b"), Alert("c"), Alert("d")]);

        Assert.Equal(2, queue.Reader.Count);
    }

    [Fact]
    public async Task App_WebhookConfigured_IngestedAlertIsPosted()
    {
        await using var app = new PipelineAppFactory(settings: new Dictionary<string, string?>
        {
            ["Alerts:Webhook:Url"] = Url.ToString(),
            ["Alerts:Webhook:Secret"] = Secret,
        });
        var now = DateTime.UtcNow;
        var clicks = Enumerable.Range(0, 3).Select(i => TestEvents.Click($"wh-{i}", "cust-hook", time: now.AddSeconds(-3 + (0.2 * i)))).ToList();

        using var response = await app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch(clicks, firstEnqueued: now));
        await WaitForAsync(() => !_received.IsEmpty);

        var posted = Assert.Single(_received);
        Assert.Contains("\"ruleId\":\"rage-click\"", posted.Body, StringComparison.Ordinal);
        Assert.Equal(AlertWebhookSender.Sign(Encoding.UTF8.GetBytes(posted.Body), Secret), posted.Signature);
    }

    [Fact]
    public async Task App_WebhookUrlWithoutSecret_FailsAtStart()
    {
        await using var app = new PipelineAppFactory(settings: new Dictionary<string, string?> { ["Alerts:Webhook:Url"] = Url.ToString() });

        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Alerts:Webhook:Secret is required", ex.ToString(), StringComparison.Ordinal);
    }

    private static Alert Alert(string id) => new()
    {
        Id = id,
        RuleId = "rage-click",
        Severity = AlertSeverity.Medium,
        CustomerKey = "cust-1",
        IncidentEventId = "e-3",
        FirstEvidenceTime = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        LastEvidenceTime = new DateTimeOffset(2026, 11, 20, 10, 0, 1, TimeSpan.Zero),
        EvidenceEventIds = ["e-1", "e-2", "e-3"],
        Summary = "Rage click.",
        SuggestedAction = "Help.",
        CreatedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 2, TimeSpan.Zero),
    };

    /// <summary>Polls until the condition holds; fails after 60 s (a deadline for a loaded CI machine, not a timing assertion).</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The webhook receiver did not get the expected requests within 60 s.");
            await Task.Delay(10, Ct);
        }
    }
}
