using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Enrichment;

/// <summary>PII must never reach a stored row: checked on the SQLite file itself, every column of every row.</summary>
public sealed partial class PiiRedactionTests : IAsyncLifetime
{
    private static readonly DateTime T0 = EventHubPayloads.DefaultEnqueued.AddMinutes(-20);

    // (pii as written by the customer, the digits or text that must not survive in any form)
    private static readonly (string Text, string Needle)[] Pii =
    [
        ("jane.doe+orders@example.co.uk", "jane.doe+orders@example.co.uk"),
        ("J.SMITH@Mail.Example.org", "J.SMITH@Mail.Example.org"),
        ("+44 20 7946 0958", "2079460958"),
        ("(415) 555-0132", "4155550132"),
        ("+49 30 901820", "4930901820"),
        ("4111 1111 1111 1111", "4111111111111111"),
        ("5500-0000-0000-0004", "5500000000000004"),
        ("3782 822463 10005", "378282246310005"),
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
        ("DE89370400440532013000", "DE89370400440532013000"),
    ];

    private readonly PipelineAppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Ingest_FreeTextWithPii_NoPiiInAnyStoredRowAndPlaceholdersKept()
    {
        var n = 0;
        List<string> clicks = [];
        List<string> chats = [];
        foreach (var (text, _) in Pii)
        {
            n++;
            chats.Add(TestEvents.Build("chat.message", $"m-{n}", T0.AddSeconds(n), "chat",
                new JsonObject { ["chatId"] = "ch-1", ["sender"] = "customer", ["text"] = $"my details are {text}, this is taking forever and I am furious" }, customerId: "cust-pii"));
            clicks.Add(TestEvents.Build("form.error", $"f-{n}", T0.AddSeconds(n), "web",
                new JsonObject { ["form"] = "checkout", ["field"] = "card", ["message"] = $"Invalid value '{text}'" }, customerId: "cust-pii"));
            clicks.Add(TestEvents.Build("search.performed", $"s-{n}", T0.AddSeconds(n), "web",
                new JsonObject { ["query"] = $"refund {text}", ["url"] = $"https://shop.example/search?q={Uri.EscapeDataString(text)}" }, customerId: "cust-pii"));
            clicks.Add(TestEvents.Build("client.error", $"c-{n}", T0.AddSeconds(n), "web",
                new JsonObject { ["message"] = $"TypeError for user {text}", ["stack"] = $"at submit ({text})" }, customerId: "cust-pii"));
        }

        using var chatResponse = await _app.InvokeAsync("IngestChats", EventHubPayloads.EventHubBatch(chats, hub: "chats", functionName: "IngestChats"));
        using var clickResponse = await _app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch(clicks));

        Assert.Equal(HttpStatusCode.OK, chatResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clickResponse.StatusCode);
        var rows = StoredRows();
        Assert.Equal(Pii.Length * 4, rows.Count);
        foreach (var row in rows)
        {
            var digitsOnly = Digits().Replace(row, string.Empty);
            foreach (var (text, needle) in Pii)
            {
                Assert.DoesNotContain(text, row, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(needle, needle.Any(char.IsLetter) ? row : digitsOnly, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Uri.EscapeDataString(text), row, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Contains(rows, r => r.Contains("[email]", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("[phone]", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("[card]", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("[iban]", StringComparison.Ordinal));
        // Sentiment still works on redacted text.
        var chat = await _app.ReadTimelineAsync("cust-pii");
        Assert.All(chat.Where(i => i.GetProperty("type").GetString() == "chat.message"),
            i => Assert.Equal("negative", i.GetProperty("enrichment").GetProperty("sentiment").GetProperty("label").GetString()));
    }

    [Fact]
    public async Task Ingest_ClickWithUserAgent_DeviceInEnrichment()
    {
        const string ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
        var body = TestEvents.Build("page.viewed", "ua-1", T0, "web", new JsonObject { ["url"] = "https://shop.example/" }, customerId: "cust-ua")
            .Replace("\"channel\"", $"\"useragent\":\"{ua}\",\"channel\"", StringComparison.Ordinal);

        using var response = await _app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch([body]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var device = Assert.Single(await _app.ReadTimelineAsync("cust-ua")).GetProperty("enrichment").GetProperty("device");
        Assert.Equal("mobile", device.GetProperty("type").GetString());
        Assert.Equal("iOS", device.GetProperty("os").GetString());
        Assert.False(device.GetProperty("bot").GetBoolean());
    }

    /// <summary>Every stored timeline row as one string of all its column values.</summary>
    private List<string> StoredRows()
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataPath, "touchpoints.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM timeline";
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

    [GeneratedRegex("[^0-9]")]
    private static partial Regex Digits();
}
