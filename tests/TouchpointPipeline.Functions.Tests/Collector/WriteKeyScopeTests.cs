using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Functions.Collector;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Functions.Collector.Publishing;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using static TouchpointPipeline.Functions.Tests.Collector.CollectorApp;

namespace TouchpointPipeline.Functions.Tests.Collector;

/// <summary>
/// Issue 13, finding 1: a browser write key issued for <c>web/shop</c> could post a <c>call.ended</c> (abandoned) for
/// any customer onto the calls hub. Keys now carry a scope (kind, channels, event types), checked per event.
/// </summary>
public sealed class WriteKeyScopeTests
{
    private const string NarrowKey = "narrow-key-0123456789abcdef";

    private static string AbandonedCall(string id, string source = "web/shop") =>
        TestEvents.Build("call.ended", id, Now, "call",
            new JsonObject { ["callId"] = "call-9", ["durationSeconds"] = 40, ["holdSeconds"] = 0, ["disposition"] = "abandoned-in-queue", ["abandoned"] = true },
            customerId: "victim-1").Replace("\"cc/genesys\"", $"\"{source}\"", StringComparison.Ordinal);

    [Fact]
    public async Task Collect_BrowserKeySendsAbandonedCallForAnotherCustomer_RejectedChannelNotAllowedRestPublished()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);

        using var response = await PostAsync(app, Batch([Click("click-1"), AbandonedCall("forged-call")]));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await JsonAsync(response)).GetProperty("results");
        Assert.Equal("accepted", results[0].GetProperty("status").GetString());
        Assert.Equal("rejected", results[1].GetProperty("status").GetString());
        Assert.Equal("channel_not_allowed", results[1].GetProperty("reason").GetString());
        Assert.Equal("channel", results[1].GetProperty("field").GetString());
        Assert.Equal(["clickstream"], publisher.Published.Select(m => m.Hub));
    }

    [Fact]
    public async Task Collect_BrowserKeyOnlyOutOfScopeEvents_400NothingPublished()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);

        using var response = await PostAsync(app, Batch([AbandonedCall("forged-1"), AbandonedCall("forged-2")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.All((await JsonAsync(response)).GetProperty("results").EnumerateArray(), r => Assert.Equal("channel_not_allowed", r.GetProperty("reason").GetString()));
        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task Collect_ServerKeySendsCallsAndChats_Accepted()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);

        using var response = await PostAsync(app, Batch([Call("call-1"), Chat("chat-1", "visitor-1")]), ContactCentreKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (await JsonAsync(response)).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Collect_ServerKeyListingEventTypes_OtherTypesRejectedTypeNotAllowed()
    {
        var publisher = new RecordingEventPublisher();
        var settings = Settings();
        settings["Collector:WriteKeys:narrow:Key"] = NarrowKey;
        settings["Collector:WriteKeys:narrow:Kind"] = "Server";
        settings["Collector:WriteKeys:narrow:Sources:0"] = "cc/genesys";
        settings["Collector:WriteKeys:narrow:EventTypes:0"] = "call.queued";
        await using var app = new PipelineAppFactory(s => s.AddSingleton<IEventPublisher>(publisher), settings);

        using var response = await PostAsync(app, Batch([Call("call-1"), AbandonedCall("call-2", "cc/genesys")]), NarrowKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await JsonAsync(response)).GetProperty("results");
        Assert.Equal("accepted", results[0].GetProperty("status").GetString());
        Assert.Equal("type_not_allowed", results[1].GetProperty("reason").GetString());
        Assert.Equal("type", results[1].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Collect_MoreEventsThanTheKeysEventBucket_429WithRetryAfterWhileRequestsRemain()
    {
        var publisher = new RecordingEventPublisher();
        var settings = Settings();
        settings["Collector:MaxEvents"] = "10";
        settings["Collector:RateLimit:EventTokenLimit"] = "12";
        settings["Collector:RateLimit:EventTokensPerPeriod"] = "1";
        await using var app = new PipelineAppFactory(s => s.AddSingleton<IEventPublisher>(publisher), settings);

        using var first = await PostAsync(app, Batch(Enumerable.Range(1, 10).Select(i => Click($"e-{i}"))));
        using var second = await PostAsync(app, Batch(Enumerable.Range(11, 10).Select(i => Click($"e-{i}"))));
        using var otherKey = await PostAsync(app, Batch([Call("c-1")]), ContactCentreKey);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.True(second.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("Too many events", (await JsonAsync(second)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, otherKey.StatusCode);
        Assert.Equal(11, publisher.Published.Count);
    }

    public static TheoryData<string, string, string> BadKeySettings => new()
    {
        { "no kind (a key configured before scopes)", "Kind", "Collector:WriteKeys:old:Kind must be set" },
        { "browser key for calls", "Channels:0=call", "a Browser key is public and may send only web and app events" },
        { "browser key for call.ended", "EventTypes:0=call.ended", "a Browser key is public and may send only web/app clickstream events" },
        { "unknown event type", "EventTypes:0=page.view", "must be a known event type" },
        { "unknown channel", "Channels:0=sms", "must be one of web, app, call, chat" },
        { "short identity secret", "IdentitySecret=too-short", "IdentitySecret must be a secret of at least 32 characters" },
        { "unresolved Key Vault reference", "IdentitySecret=@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/s/)", "IdentitySecret must be a secret" },
    };

    [Theory]
    [MemberData(nameof(BadKeySettings))]
    public void Start_BadWriteKeyScope_FailsNamingTheSetting(string scenario, string change, string expected)
    {
        var settings = Settings();
        settings["Collector:WriteKeys:old:Key"] = "old-key-0123456789abcdef";
        settings["Collector:WriteKeys:old:Sources:0"] = "web/old";
        if (change != "Kind")
        {
            settings["Collector:WriteKeys:old:Kind"] = "Browser";
            var (name, value) = (change.Split('=')[0], change.Split('=', 2)[1]);
            settings["Collector:WriteKeys:old:" + name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddCollector(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        TestContext.Current.SendDiagnosticMessage($"{scenario}: {error.Message}");
    }
}
