using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>
/// Alerts in the <c>alerts</c> container (pk <c>/customerKey</c>), one document per alert: the alert's JSON as the API
/// shows it (<c>id</c> = the deterministic alert id). Creation is create + 409-as-existing (never an upsert);
/// transitions replace with <c>If-Match</c> on the read <c>_etag</c>. Reading by id alone is a cross-partition query
/// on <c>id</c> (always indexed); lists filter on the indexed <c>status</c>, <c>severity</c>, <c>customerKey</c> and
/// order by <c>createdAt</c>, paging with the SDK's continuation token. The outbox marks are two extra booleans,
/// <c>undeliveredHub</c> and <c>undeliveredWebhook</c> (absent on documents written before them: delivered).
/// </summary>
internal sealed class CosmosAlertStore(Container container, CosmosStorageOptions options, TimeProvider timeProvider, CosmosMetrics? metrics = null) : IAlertStore
{
    private readonly CosmosRequests _requests = new(container, options, timeProvider, metrics);

    private const string UndeliveredHub = "undeliveredHub";
    private const string UndeliveredWebhook = "undeliveredWebhook";
    private const int MaxMarkAttempts = 5;

    public async Task<bool> CreateAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var document = Document(alert);
        using var response = await _requests.SendAsync("Creating an alert", ct =>
            container.CreateItemStreamAsync(new MemoryStream(document, writable: false), new PartitionKey(alert.CustomerKey),
                new ItemRequestOptions { EnableContentResponseOnWrite = false }, ct), cancellationToken);
        return response.StatusCode != HttpStatusCode.Conflict;
    }

    public async Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var page = await QueryPageAsync(new QueryDefinition("SELECT * FROM c WHERE c.id = @id").WithParameter("@id", id), null, null, 1, cancellationToken);
        return page.Items.FirstOrDefault();
    }

    public async Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT * FROM c WHERE 1 = 1");
        var parameters = new List<(string, object)>();
        if (query.Status is { } status)
        {
            sql.Append(" AND c.status = @status");
            parameters.Add(("@status", Wire(status)));
        }

        if (query.Severity is { } severity)
        {
            sql.Append(" AND c.severity = @severity");
            parameters.Add(("@severity", Wire(severity)));
        }

        if (query.CustomerKey is not null)
        {
            sql.Append(" AND c.customerKey = @customer");
            parameters.Add(("@customer", query.CustomerKey));
        }

        sql.Append(" ORDER BY c.createdAt DESC");
        var definition = new QueryDefinition(sql.ToString());
        foreach (var (name, value) in parameters)
        {
            definition = definition.WithParameter(name, value);
        }

        var token = query.Continuation is null ? null : DecodeContinuation(query.Continuation);
        var page = await QueryPageAsync(definition, token, query.CustomerKey, query.Limit, cancellationToken);
        return new AlertPage(page.Items, page.Continuation is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(page.Continuation)));
    }

    public async Task<bool> TryReplaceAsync(Alert alert, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var document = Document(alert);
        using var response = await _requests.SendAsync("Updating an alert", ct =>
            container.ReplaceItemStreamAsync(new MemoryStream(document, writable: false), alert.Id, new PartitionKey(alert.CustomerKey),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, ct), cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async Task<IReadOnlyList<Alert>> GetEscalationCandidatesAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        var definition = new QueryDefinition(
                "SELECT * FROM c WHERE c.status = 'open' AND IS_NULL(c.escalatedAt) AND c.createdAt <= @t ORDER BY c.createdAt")
            .WithParameter("@t", JsonTime(createdBefore));
        return await QueryUpToAsync(definition, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<Alert>> GetUndeliveredAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        var definition = new QueryDefinition(
                $"SELECT * FROM c WHERE (c.{UndeliveredHub} = true OR c.{UndeliveredWebhook} = true) AND c.createdAt <= @t ORDER BY c.createdAt")
            .WithParameter("@t", JsonTime(createdBefore));
        return await QueryUpToAsync(definition, limit, cancellationToken);
    }

    public async Task<bool> MarkDeliveredAsync(Alert delivered, AlertChannels channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(delivered.Id, cancellationToken);
            if (current is null || current.EscalatedAt != delivered.EscalatedAt || (current.Undelivered & channels) == AlertChannels.None)
            {
                return false;
            }

            // Replace with If-Match: a concurrent transition or escalation in between makes this re-read and re-check.
            if (await TryReplaceAsync(current with { Undelivered = current.Undelivered & ~channels }, current.ETag!, cancellationToken))
            {
                return true;
            }

            if (attempt == MaxMarkAttempts)
            {
                throw new InvalidOperationException($"Alert {delivered.Id} kept changing concurrently; gave up marking it delivered after {MaxMarkAttempts} attempts.");
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> alerts of a cross-partition query, following continuations.</summary>
    private async Task<IReadOnlyList<Alert>> QueryUpToAsync(QueryDefinition definition, int limit, CancellationToken cancellationToken)
    {
        var alerts = new List<Alert>();
        string? token = null;
        do
        {
            var page = await QueryPageAsync(definition, token, null, limit - alerts.Count, cancellationToken);
            alerts.AddRange(page.Items);
            token = page.Continuation;
        }
        while (token is not null && alerts.Count < limit);
        return alerts;
    }

    /// <summary>The alert's JSON as the API shows it, plus the outbox marks.</summary>
    private static byte[] Document(Alert alert)
    {
        var document = JsonNode.Parse(AlertJson.SerializeToUtf8Bytes(alert with { ETag = null }))!.AsObject();
        document[UndeliveredHub] = alert.Undelivered.HasFlag(AlertChannels.Hub);
        document[UndeliveredWebhook] = alert.Undelivered.HasFlag(AlertChannels.Webhook);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static AlertChannels Marks(JsonElement document) =>
        (IsTrue(document, UndeliveredHub) ? AlertChannels.Hub : AlertChannels.None)
        | (IsTrue(document, UndeliveredWebhook) ? AlertChannels.Webhook : AlertChannels.None);

    private static bool IsTrue(JsonElement document, string name) =>
        document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>
    /// The same text System.Text.Json writes for a UTC <see cref="DateTimeOffset"/> in the documents, so range filters
    /// compare like with like (fixed prefix, trimmed fraction, <c>+00:00</c>).
    /// </summary>
    private static string JsonTime(DateTimeOffset time) => JsonSerializer.Serialize(time.ToUniversalTime(), CosmosStoreJsonContext.Default.DateTimeOffset).Trim('"');

    private async Task<(List<Alert> Items, string? Continuation)> QueryPageAsync(
        QueryDefinition definition, string? continuation, string? partitionKey, int limit, CancellationToken cancellationToken)
    {
        var requestOptions = new QueryRequestOptions { MaxItemCount = limit };
        if (partitionKey is not null)
        {
            requestOptions.PartitionKey = new PartitionKey(partitionKey);
        }

        using var iterator = container.GetItemQueryStreamIterator(definition, continuation, requestOptions);
        var items = new List<Alert>();
        string? next = null;

        // A cross-partition page may come back empty while more remain: read on until something arrives or the end.
        while (iterator.HasMoreResults && items.Count == 0)
        {
            using var response = await _requests.SendAsync("Querying alerts", iterator.ReadNextAsync, cancellationToken);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                throw new ArgumentException("The continuation token is not one this store issued.", nameof(continuation));
            }

            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            foreach (var document in page.RootElement.GetProperty("Documents"u8).EnumerateArray())
            {
                var etag = document.TryGetProperty("_etag"u8, out var e) ? e.GetString() : null;
                items.Add(AlertJson.Deserialize(Encoding.UTF8.GetBytes(document.GetRawText())) with { ETag = etag, Undelivered = Marks(document) });
            }

            next = response.ContinuationToken;
        }

        return (items, next);
    }

    private static string DecodeContinuation(string continuation)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(continuation));
        }
        catch (FormatException)
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(continuation));
        }
    }

    private static string Wire<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
