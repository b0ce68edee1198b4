using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Functions.Collector.Publishing;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using static TouchpointPipeline.Functions.Tests.Collector.CollectorApp;

namespace TouchpointPipeline.Functions.Tests.Collector;

/// <summary>
/// Issue 13, finding 2: five forged <c>customer.identified</c> events used up a victim's link quota (5 per week), so the
/// victim's real device was refused as <c>TooManyLinks</c>. A key with identity verification takes a login only with
/// <c>userhash</c> = HMAC-SHA256 of the customer id under the key's identity secret, which only the app's back end has.
/// </summary>
public sealed class IdentityVerificationTests
{
    private const string VerifiedKey = "verified-key-0123456789abcdef";
    private const string IdentitySecret = "identity-secret-for-tests-0123456789abcdef";

    private static Dictionary<string, string?> VerifiedSettings()
    {
        var settings = Settings();
        settings["Collector:WriteKeys:verified:Key"] = VerifiedKey;
        settings["Collector:WriteKeys:verified:Kind"] = "Browser";
        settings["Collector:WriteKeys:verified:Sources:0"] = "web/shop";
        settings["Collector:WriteKeys:verified:IdentitySecret"] = IdentitySecret;
        return settings;
    }

    /// <summary>What the app's back end computes: lower-case hex of HMAC-SHA256(secret, customer id).</summary>
    private static string UserHash(string customerId, string secret = IdentitySecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(customerId)));

    private static string Login(string id, string anonymousId, string customerId, string? userHash)
    {
        var node = JsonNode.Parse(TestEvents.Identified(id, anonymousId, customerId, Now))!;
        if (userHash is not null)
        {
            node["userhash"] = userHash;
        }

        return node.ToJsonString();
    }

    [Fact]
    public async Task Collect_VerifyingKeyLoginsWithoutOrWithWrongUserHash_RejectedPerEventAndCounted()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = new PipelineAppFactory(s => s.AddSingleton<IEventPublisher>(publisher), VerifiedSettings());

        using var response = await PostAsync(app, Batch([
            Login("l-1", "device-1", "victim", null),
            Login("l-2", "device-2", "victim", UserHash("victim", "an-attackers-guess-of-the-secret-0123456789")),
            Login("l-3", "device-3", "victim", UserHash("someone-else")),
            Login("l-4", "device-4", "victim", "not hex"),
            Click("c-1")]), VerifiedKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = (await JsonAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.All(results.Take(4), r => Assert.Equal(("rejected", "identity_not_verified", "userhash"),
            (r.GetProperty("status").GetString(), r.GetProperty("reason").GetString(), r.GetProperty("field").GetString())));
        Assert.Equal("accepted", results[4].GetProperty("status").GetString());
        Assert.Single(publisher.Published);
        var metrics = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/metrics", TestContext.Current.CancellationToken);
        var counted = metrics.GetProperty("counters").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "touchpoint.collector.identity_not_verified" && c.GetProperty("tags").GetProperty("key").GetString() == "verified");
        Assert.Equal(4, counted.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Collect_VerifyingKeyLoginWithValidUserHash_AcceptedAndPublishedWithoutTheHash()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = new PipelineAppFactory(s => s.AddSingleton<IEventPublisher>(publisher), VerifiedSettings());

        using var response = await PostAsync(app, Batch([Login("l-1", "device-1", "cust-1", UserHash("cust-1"))]), VerifiedKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = JsonNode.Parse(Assert.Single(publisher.Published).Body.Span)!.AsObject();
        Assert.False(published.ContainsKey("userhash"));
        Assert.Equal("cust-1", published["customerid"]!.GetValue<string>());
        Assert.Equal("login", published["data"]!["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task Collect_KeyWithoutVerification_UserHashNotCheckedButNeverPublished()
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);

        using var response = await PostAsync(app, Batch([Login("l-1", "device-1", "cust-1", "whatever")]));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(JsonNode.Parse(Assert.Single(publisher.Published).Body.Span)!.AsObject().ContainsKey("userhash"));
    }

    [Fact]
    public async Task ForgedLogins_VerifyingKey_VictimsRealDeviceStillLinked()
    {
        await using var app = new PipelineAppFactory(s => s.AddSingleton<IEventPublisher>(sp => new PipelineFeedingPublisher(sp)), VerifiedSettings());

        using var forged = await PostAsync(app, Batch([.. Enumerable.Range(1, 5).Select(i => Login($"forged-{i}", $"attacker-{i}", "victim", null))]), VerifiedKey);
        using var real = await PostAsync(app, Batch([Login("real-login", "victims-phone", "victim", UserHash("victim"))]), VerifiedKey);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, real.StatusCode);
        var identity = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/customers/victim/identity", TestContext.Current.CancellationToken);
        Assert.Equal(["victims-phone"], identity.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("anonymousId").GetString()));
        Assert.Empty(identity.GetProperty("rejections").EnumerateArray());
    }

    [Fact]
    public async Task ForgedLogins_KeyWithoutVerification_EarliestLinksKeptAndTheRefusalSaysSo()
    {
        await using var app = new PipelineAppFactory(s => s.AddSingleton<IEventPublisher>(sp => new PipelineFeedingPublisher(sp)), Settings());

        using var forged = await PostAsync(app, Batch([.. Enumerable.Range(1, 5).Select(i => Login($"forged-{i}", $"attacker-{i}", "victim", null))]));
        using var real = await PostAsync(app, Batch([Login("real-login", "victims-phone", "victim", null)]));

        Assert.Equal(HttpStatusCode.Accepted, real.StatusCode);
        var identity = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/customers/victim/identity", TestContext.Current.CancellationToken);
        Assert.Equal(5, identity.GetProperty("links").GetArrayLength());
        var refused = Assert.Single(identity.GetProperty("rejections").EnumerateArray());
        Assert.Equal(("TooManyLinks", "victims-phone"), (refused.GetProperty("outcome").GetString(), refused.GetProperty("anonymousId").GetString()));
        Assert.Contains("earliest links are kept", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
