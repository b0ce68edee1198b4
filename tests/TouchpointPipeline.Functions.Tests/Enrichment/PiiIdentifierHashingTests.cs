using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Enrichment;

/// <summary>
/// An e-mail used as <c>customerid</c> is personal data: it must reach no stored row (timeline, identities), not even
/// as the Event Hubs partition key, while support can still look the customer up by the address they know.
/// </summary>
public sealed class PiiIdentifierHashingTests : IAsyncLifetime
{
    private const string Email = "Ann.Lee@Example.com";
    private const string Salt = "test-salt-0123456789abcdef";
    private static readonly DateTime T0 = EventHubPayloads.DefaultEnqueued.AddMinutes(-10);

    private readonly PipelineAppFactory _app = new(settings: new Dictionary<string, string?> { ["Enrichment:Pii:Salt"] = Salt });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Ingest_EmailAsCustomerId_StoredOnlyAsSaltedHash()
    {
        string[] bodies =
        [
            TestEvents.AnonymousClick("h-1", "anon-h", T0),
            TestEvents.Identified("h-2", "anon-h", Email, T0.AddSeconds(10)),
            TestEvents.Build("page.viewed", "h-3", T0.AddSeconds(20), "web", new JsonObject { ["url"] = "https://shop.example/" }, customerId: Email),
            TestEvents.Build("page.viewed", "h-4", T0.AddSeconds(30), "web", new JsonObject { ["url"] = "https://shop.example/cart" }, customerId: "ann.lee@example.com "),
        ];

        using var response = await _app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch(
            bodies, partitionKeys: ["anon:anon-h", Email, Email, "ann.lee@example.com "]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = StoredRows("SELECT * FROM timeline").Concat(StoredRows("SELECT * FROM identity_links")).ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, row => Assert.DoesNotContain("example.com", row, StringComparison.OrdinalIgnoreCase));
        Assert.All(rows, row => Assert.DoesNotContain("ann.lee", row, StringComparison.OrdinalIgnoreCase));

        // Looked up by the address as people write it: one customer (case and spaces do not split it), hashed key.
        var timeline = await _app.ReadTimelineAsync(Email);
        Assert.Equal(["h-4", "h-3", "h-2", "h-1"], timeline.Select(i => i.GetProperty("id").GetString()));
        var page = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/customers/{Uri.EscapeDataString(Email)}/timeline", TestContext.Current.CancellationToken);
        var key = page.GetProperty("customerKey").GetString()!;
        Assert.StartsWith("sha256:", key, StringComparison.Ordinal);
        Assert.Equal([key, key, key], timeline.Take(3).Select(i => i.GetProperty("customerId").GetString()));
        Assert.Equal(timeline.Select(i => i.GetProperty("id").GetString()), (await _app.ReadTimelineAsync(key)).Select(i => i.GetProperty("id").GetString()));

        var identity = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/customers/{Uri.EscapeDataString(Email)}/identity", TestContext.Current.CancellationToken);
        Assert.Equal("anon-h", Assert.Single(identity.GetProperty("links").EnumerateArray()).GetProperty("anonymousId").GetString());
    }

    [Fact]
    public async Task Ingest_SameEmailTwice_SameHashNoDuplicate()
    {
        var body = TestEvents.Build("page.viewed", "h-9", T0, "web", new JsonObject { ["url"] = "https://shop.example/" }, customerId: Email);

        using var first = await _app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch([body]));
        using var again = await _app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch([body]));

        Assert.Contains("1 duplicates", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Single(await _app.ReadTimelineAsync(Email));
    }

    private List<string> StoredRows(string sql)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataPath, "touchpoints.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row.Append(reader.IsDBNull(i) ? string.Empty : reader.GetValue(i) is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\u001f');
            }

            rows.Add(row.ToString());
        }

        return rows;
    }
}
