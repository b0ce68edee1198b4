using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Apis.Privacy;

/// <summary>
/// <c>ExportDataSubject</c> and <c>EraseDataSubject</c> through the real endpoints after a scripted run (anonymous
/// browsing, sign-in, rage clicks raising an alert, an invalid event quarantined, a parked batch), then redelivery and
/// replay: afterwards no table, no row and no file under the data folder holds the person's e-mail (raw, lower-cased or
/// hashed), their device id or any of their event ids, while another customer's data stays; with dead letters
/// encrypted at rest too.
/// </summary>
public sealed class DataSubjectErasureTests : IAsyncLifetime
{
    private const string Salt = "test-salt-erasure-0123456789";
    private const string Email = "Ann.Erase@Example.com";
    private const string Device = "device-ann-7f3c";
    private const string AnnEvent = "ann-ev-";
    private PipelineAppFactory _app = new(settings: new Dictionary<string, string?> { ["Enrichment:Pii:Salt"] = Salt });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EraseDataSubject_AfterASimulatedRun_NoTraceLeftAndRedeliveryOrReplayNotStored(bool encryptDeadLetters)
    {
        if (encryptDeadLetters)
        {
            await _app.DisposeAsync();
            _app = new(settings: new Dictionary<string, string?>
            {
                ["Enrichment:Pii:Salt"] = Salt,
                ["DeadLetterStorage:EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            });
        }

        var now = DateTime.UtcNow;
        var batches = new[]
        {
            EventHubPayloads.EventHubBatch(
                [TestEvents.AnonymousClick(AnnEvent + "1", Device, now.AddSeconds(-60)), TestEvents.AnonymousPageView(AnnEvent + "2", Device, now.AddSeconds(-58))],
                firstSequenceNumber: 1000, firstEnqueued: now),
            EventHubPayloads.EventHubBatch([TestEvents.Identified(AnnEvent + "3", Device, Email, now.AddSeconds(-50))], firstSequenceNumber: 1010, firstEnqueued: now),
            EventHubPayloads.EventHubBatch(
                [
                    TestEvents.Click(AnnEvent + "4", Email, now.AddSeconds(-3)),
                    TestEvents.Click(AnnEvent + "5", Email, now.AddSeconds(-2.8)),
                    TestEvents.Click(AnnEvent + "6", Email, now.AddSeconds(-2.6)),
                    TestEvents.Click("bob-ev-1", "bob-keep", now.AddSeconds(-2)),
                ],
                firstSequenceNumber: 1020, firstEnqueued: now),
            // Invalid (no selector): quarantined with Ann's raw e-mail in its body, next to Bob's invalid event.
            EventHubPayloads.EventHubBatch(
                [
                    TestEvents.Build("element.clicked", AnnEvent + "7", now.AddSeconds(-1), "web", new JsonObject { ["url"] = "https://shop.example/" }, customerId: Email),
                    TestEvents.Build("element.clicked", "bob-ev-2", now.AddSeconds(-1), "web", new JsonObject { ["url"] = "https://shop.example/" }, customerId: "bob-keep"),
                ],
                firstSequenceNumber: 1030, firstEnqueued: now),
        };
        foreach (var batch in batches)
        {
            using var response = await _app.InvokeAsync("IngestClickstream", batch);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var parkedPayload = EventHubPayloads.EventHubBatch(
            [TestEvents.Click(AnnEvent + "8", Email, now), TestEvents.AnonymousPageView(AnnEvent + "9", Device, now), TestEvents.Click("bob-ev-3", "bob-keep", now.AddSeconds(-10))],
            firstSequenceNumber: 1040, firstEnqueued: now);
        var parked = _app.Services.GetRequiredService<IParkedBatchStore>();
        await parked.ParkAsync(new ParkedBatch("clickstream-p3-s1040-1042", "IngestClickstream", now, 6, "System.Net.Http.HttpRequestException", "store down (test)", Encoding.UTF8.GetBytes(parkedPayload)), Ct);
        var hashedEmail = _app.Services.GetRequiredService<PiiHasher>().ProtectCustomerId(Email);
        string[] traces = [Email, Email.ToLowerInvariant(), hashedEmail, hashedEmail["sha256:".Length..], Device, AnnEvent];
        Assert.NotEmpty(Search(traces));

        var export = await PostAsync("/api/privacy/export");
        var report = await PostAsync("/api/privacy/erase");
        foreach (var batch in batches)
        {
            using var redelivered = await _app.InvokeAsync("IngestClickstream", batch);
            Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        }

        using var replay = await _app.CreateClient().PostAsync("/api/replay/parked", null, Ct);
        var again = await PostAsync("/api/privacy/export");

        Assert.Equal(hashedEmail, export["customerId"]!.GetValue<string>());
        Assert.Equal([Device], export["anonymousIds"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(6, export["timeline"]!.AsArray().Count);
        Assert.Single(export["links"]!.AsArray());
        Assert.Contains(export["alerts"]!.AsArray(), a => a!["ruleId"]!.GetValue<string>() == "rage-click");
        Assert.Equal(["parked", "quarantine"], export["deadLetters"]!.AsArray().Select(d => d!["store"]!.GetValue<string>()).Order());
        Assert.Equal(2, report["customerKeys"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Empty(again["timeline"]!.AsArray());
        Assert.Empty(again["deadLetters"]!.AsArray());
        Assert.Empty(Search(traces));
        // Bob's data stays: his stored click, the replayed one from the parked batch, and his quarantined event.
        Assert.Equal(["bob-ev-1", "bob-ev-3"], (await _app.ReadTimelineAsync("bob-keep")).Select(i => i.GetProperty("id").GetString()).Order());
        Assert.Contains(_app.ReadQuarantine(), q => q.GetProperty("eventId").GetString() == "bob-ev-2");
    }

    [Fact]
    public async Task EraseDataSubject_BodyWithoutCustomerId_ValidationProblem()
    {
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/privacy/erase", new JsonObject { ["id"] = Email }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonObject> PostAsync(string path)
    {
        using var response = await _app.CreateClient().PostAsJsonAsync(path, new JsonObject { ["customerId"] = Email }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }

    /// <summary>Where any trace appears: every file under the data folder (bytes), and every column of every row of every table.</summary>
    private List<string> Search(IReadOnlyList<string> traces)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(_app.DataPath, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(ReadShared(file));
            found.AddRange(traces.Where(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)).Select(t => $"{Path.GetRelativePath(_app.DataPath, file)}: {t}"));
        }

        var database = Path.Combine(_app.DataPath, "touchpoints.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var table in names)
        {
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                    found.AddRange(traces.Where(t => value.Contains(t, StringComparison.OrdinalIgnoreCase)).Select(t => $"{table}.{reader.GetName(i)}: {t}"));
                }
            }
        }

        return found;
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
