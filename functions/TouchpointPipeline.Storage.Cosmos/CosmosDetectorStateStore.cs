using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using TouchpointPipeline.Core.Detection;

namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>
/// The <c>state</c> container (pk <c>/customerKey</c>). Per customer one document <c>{id:"detector", type:"state",
/// state:{…}}</c>, created with create (409 = someone else created it first) and replaced with <c>If-Match</c> on its
/// <c>_etag</c> (412 = changed meanwhile): the optimistic concurrency the port promises. Pending absence checks are
/// documents <c>{id:"pending:&lt;id&gt;", type:"pending", deadline}</c> in the customer's partition; the sweep finds
/// due ones with one cross-partition query on the indexed <c>type</c> and <c>deadline</c>.
/// </summary>
internal sealed class CosmosDetectorStateStore(Container container, CosmosStorageOptions options, TimeProvider timeProvider, CosmosMetrics? metrics = null) : IDetectorStateStore
{
    private const string StateId = "detector";
    private const string PendingPrefix = "pending:";
    private readonly CosmosRequests _requests = new(container, options, timeProvider, metrics);

    public async Task<StoredDetectorState?> GetAsync(string customerKey, CancellationToken cancellationToken)
    {
        using var response = await _requests.SendAsync("Reading detector state", ct =>
            container.ReadItemStreamAsync(StateId, new PartitionKey(customerKey), cancellationToken: ct), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        return new StoredDetectorState(ReadState(document.RootElement), response.Headers.ETag);
    }

    /// <summary>One ReadMany of the customers' state documents (one round trip per partition-key range), not a point read each.</summary>
    public async Task<IReadOnlyDictionary<string, StoredDetectorState>> GetManyAsync(IReadOnlyCollection<string> customerKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKeys);
        var found = new Dictionary<string, StoredDetectorState>(StringComparer.Ordinal);
        if (customerKeys.Count == 0)
        {
            return found;
        }

        List<(string, PartitionKey)> keys = [.. customerKeys.Distinct(StringComparer.Ordinal).Select(k => (StateId, new PartitionKey(k)))];
        using var response = await _requests.SendAsync("Reading detector states", ct => container.ReadManyItemsStreamAsync(keys, cancellationToken: ct), cancellationToken);
        using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        foreach (var document in page.RootElement.GetProperty("Documents"u8).EnumerateArray())
        {
            var state = ReadState(document);
            found[document.GetProperty("customerKey"u8).GetString()!] = new StoredDetectorState(state, document.GetProperty("_etag"u8).GetString()!);
        }

        return found;
    }

    public async Task<bool> TrySaveAsync(DetectorState state, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var document = StateDocument(state);
        using var response = await _requests.SendAsync("Writing detector state", ct => etag is null
            ? container.CreateItemStreamAsync(new MemoryStream(document, writable: false), new PartitionKey(state.CustomerKey),
                new ItemRequestOptions { EnableContentResponseOnWrite = false }, ct)
            : container.ReplaceItemStreamAsync(new MemoryStream(document, writable: false), StateId, new PartitionKey(state.CustomerKey),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, ct), cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async Task AddPendingAsync(PendingCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var document = Write(w =>
        {
            w.WriteString("id", PendingPrefix + check.Id);
            w.WriteString("customerKey", check.CustomerKey);
            w.WriteString("type", "pending");
            w.WriteString("checkId", check.Id);
            w.WriteString("ruleId", check.RuleId);
            w.WriteString("triggerEventId", check.TriggerEventId);
            w.WriteString("deadline", Format(check.Deadline));
        });

        // 409 means an earlier delivery indexed it already: idempotent.
        using var response = await _requests.SendAsync("Indexing an absence check", ct =>
            container.CreateItemStreamAsync(new MemoryStream(document, writable: false), new PartitionKey(check.CustomerKey),
                new ItemRequestOptions { EnableContentResponseOnWrite = false }, ct), cancellationToken);
    }

    public async Task<IReadOnlyList<PendingCheck>> GetDuePendingAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        var definition = new QueryDefinition("SELECT * FROM c WHERE c.type = 'pending' AND c.deadline <= @t ORDER BY c.deadline")
            .WithParameter("@t", Format(dueBy));
        using var iterator = container.GetItemQueryStreamIterator(definition, continuationToken: null, new QueryRequestOptions { MaxItemCount = limit });
        var checks = new List<PendingCheck>();
        while (iterator.HasMoreResults && checks.Count < limit)
        {
            using var response = await _requests.SendAsync("Querying due absence checks", iterator.ReadNextAsync, cancellationToken);
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            foreach (var d in page.RootElement.GetProperty("Documents"u8).EnumerateArray())
            {
                checks.Add(new PendingCheck(
                    d.GetProperty("checkId"u8).GetString()!, d.GetProperty("customerKey"u8).GetString()!, d.GetProperty("ruleId"u8).GetString()!,
                    d.GetProperty("triggerEventId"u8).GetString()!,
                    DateTimeOffset.Parse(d.GetProperty("deadline"u8).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
            }
        }

        return checks.Take(limit).ToList();
    }

    public async Task DeletePendingAsync(PendingCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);

        // 404 means it was deleted already: idempotent.
        using var response = await _requests.SendAsync("Deleting an absence check", ct =>
            container.DeleteItemStreamAsync(PendingPrefix + check.Id, new PartitionKey(check.CustomerKey), cancellationToken: ct), cancellationToken);
    }

    // Fixed-width UTC "O" strings sort like the instants they name, so the due filter is a plain string range.
    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DetectorState ReadState(JsonElement document) =>
        DetectorStateJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(document.GetProperty("state"u8).GetRawText()));

    private static byte[] StateDocument(DetectorState state) => Write(w =>
    {
        w.WriteString("id", StateId);
        w.WriteString("customerKey", state.CustomerKey);
        w.WriteString("type", "state");
        w.WritePropertyName("state");
        w.WriteRawValue(DetectorStateJson.SerializeToUtf8Bytes(state), skipInputValidation: true);
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
