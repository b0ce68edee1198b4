using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using NSubstitute;

namespace TouchpointPipeline.Benchmarks.CosmosSimulation;

/// <summary>
/// A test double of one Cosmos DB container for the stream APIs the adapters use (create, read, replace with If-Match,
/// delete, ReadMany, and the queries they issue), keeping documents in memory with Cosmos DB's answers and charging
/// each request with <see cref="CosmosRuModel"/> after a <see cref="SimulatedLatency"/> round trip. A query with
/// ORDER BY first pays one more round trip for its query plan, as the SDK does on Linux.
/// </summary>
internal sealed class SimulatedContainer
{
    private readonly ConcurrentDictionary<string, Partition> _partitions = new(StringComparer.Ordinal);
    private readonly string _name;
    private readonly HashSet<string> _indexedPaths;
    private readonly SimulatedLatency _latency;
    private readonly SimulationLedger _ledger;
    private long _etags;

    public SimulatedContainer(string name, IEnumerable<string> indexedPaths, SimulatedLatency latency, SimulationLedger ledger)
    {
        _name = name;
        _indexedPaths = [.. indexedPaths.Select(p => p.Trim('/', '?'))];
        _latency = latency;
        _ledger = ledger;
        Container = Substitute.For<Container>();
        Container.Id.Returns(name);
        Container.CreateItemStreamAsync(Arg.Any<Stream>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(c => CreateAsync(Body(c.ArgAt<Stream>(0)), c.ArgAt<PartitionKey>(1), c.ArgAt<CancellationToken>(3)));
        Container.ReadItemStreamAsync(Arg.Any<string>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(c => ReadAsync(c.ArgAt<string>(0), c.ArgAt<PartitionKey>(1), c.ArgAt<CancellationToken>(3)));
        Container.ReplaceItemStreamAsync(Arg.Any<Stream>(), Arg.Any<string>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(c => ReplaceAsync(Body(c.ArgAt<Stream>(0)), c.ArgAt<string>(1), c.ArgAt<PartitionKey>(2), c.ArgAt<ItemRequestOptions>(3)?.IfMatchEtag, c.ArgAt<CancellationToken>(4)));
        Container.DeleteItemStreamAsync(Arg.Any<string>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(c => DeleteAsync(c.ArgAt<string>(0), c.ArgAt<PartitionKey>(1), c.ArgAt<CancellationToken>(3)));
        Container.ReadManyItemsStreamAsync(Arg.Any<IReadOnlyList<(string, PartitionKey)>>(), Arg.Any<ReadManyRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(c => ReadManyAsync(c.ArgAt<IReadOnlyList<(string, PartitionKey)>>(0), c.ArgAt<CancellationToken>(2)));
        Container.GetItemQueryStreamIterator(Arg.Any<QueryDefinition>(), Arg.Any<string>(), Arg.Any<QueryRequestOptions>())
            .Returns(c => Query(c.ArgAt<QueryDefinition>(0), c.ArgAt<string>(1), c.ArgAt<QueryRequestOptions>(2)));
    }

    public Container Container { get; }

    /// <summary>Drops the substitute's record of calls (it keeps every call otherwise).</summary>
    public void ClearReceivedCalls() => Container.ClearReceivedCalls();

    private async Task<ResponseMessage> CreateAsync(byte[] body, PartitionKey partitionKey, CancellationToken cancellationToken)
    {
        var document = Document.Parse(body, _indexedPaths, NextEtag());
        var partition = PartitionOf(partitionKey);
        bool created;
        lock (partition)
        {
            created = !partition.Items.ContainsKey(document.Id);
        }

        var charge = created ? CosmosRuModel.Create(body.Length, document.IndexTerms) : CosmosRuModel.Conflict;
        if (await ThrottleOrWaitAsync("create", charge, query: false, cancellationToken) is { } throttled)
        {
            return throttled;
        }

        lock (partition)
        {
            created = partition.Items.TryAdd(document.Id, document);
        }

        return Answer(created ? HttpStatusCode.Created : HttpStatusCode.Conflict, "create", created ? charge : CosmosRuModel.Conflict);
    }

    private async Task<ResponseMessage> ReadAsync(string id, PartitionKey partitionKey, CancellationToken cancellationToken)
    {
        Document? document;
        var partition = PartitionOf(partitionKey);
        lock (partition)
        {
            partition.Items.TryGetValue(id, out document);
        }

        var charge = document is null ? CosmosRuModel.NotFoundOrPrecondition : CosmosRuModel.PointRead(document.Body.Length);
        if (await ThrottleOrWaitAsync("read", charge, query: false, cancellationToken) is { } throttled)
        {
            return throttled;
        }

        if (document is null)
        {
            return Answer(HttpStatusCode.NotFound, "read", charge);
        }

        var response = Answer(HttpStatusCode.OK, "read", charge);
        response.Headers["etag"] = document.ETag;
        response.Content = new MemoryStream(document.Body, writable: false);
        return response;
    }

    private async Task<ResponseMessage> ReplaceAsync(byte[] body, string id, PartitionKey partitionKey, string? ifMatch, CancellationToken cancellationToken)
    {
        var replacement = Document.Parse(body, _indexedPaths, NextEtag());
        var partition = PartitionOf(partitionKey);
        Document? current;
        lock (partition)
        {
            partition.Items.TryGetValue(id, out current);
        }

        var charge = current is null || (ifMatch is not null && ifMatch != current.ETag)
            ? CosmosRuModel.NotFoundOrPrecondition
            : CosmosRuModel.Replace(current.Body.Length, body.Length, replacement.IndexTerms);
        if (await ThrottleOrWaitAsync("replace", charge, query: false, cancellationToken) is { } throttled)
        {
            return throttled;
        }

        lock (partition)
        {
            if (!partition.Items.TryGetValue(id, out current))
            {
                return Answer(HttpStatusCode.NotFound, "replace", charge);
            }

            if (ifMatch is not null && ifMatch != current.ETag)
            {
                return Answer(HttpStatusCode.PreconditionFailed, "replace", charge);
            }

            partition.Items[id] = replacement;
        }

        return Answer(HttpStatusCode.OK, "replace", charge);
    }

    private async Task<ResponseMessage> DeleteAsync(string id, PartitionKey partitionKey, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(partitionKey);
        Document? current;
        lock (partition)
        {
            partition.Items.TryGetValue(id, out current);
        }

        var charge = current is null ? CosmosRuModel.NotFoundOrPrecondition : CosmosRuModel.Delete(current.Body.Length, current.IndexTerms);
        if (await ThrottleOrWaitAsync("delete", charge, query: false, cancellationToken) is { } throttled)
        {
            return throttled;
        }

        lock (partition)
        {
            return Answer(partition.Items.Remove(id) ? HttpStatusCode.NoContent : HttpStatusCode.NotFound, "delete", charge);
        }
    }

    private async Task<ResponseMessage> ReadManyAsync(IReadOnlyList<(string Id, PartitionKey PartitionKey)> items, CancellationToken cancellationToken)
    {
        var found = new List<Document>();
        foreach (var (id, partitionKey) in items)
        {
            var partition = PartitionOf(partitionKey);
            lock (partition)
            {
                if (partition.Items.TryGetValue(id, out var document))
                {
                    found.Add(document);
                }
            }
        }

        // The SDK runs ReadMany as one query per partition-key range: charged as a query returning what it found.
        var charge = CosmosRuModel.Query(found.Sum(d => (long)d.Body.Length));
        if (await ThrottleOrWaitAsync("read many", charge, query: true, cancellationToken) is { } throttled)
        {
            return throttled;
        }

        var response = Answer(HttpStatusCode.OK, "read many", charge);
        response.Content = new MemoryStream(Page(found), writable: false);
        return response;
    }

    private FeedIterator Query(QueryDefinition definition, string? continuation, QueryRequestOptions? options)
    {
        var text = definition.QueryText;
        var parameters = definition.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var partitionKey = options?.PartitionKey;
        var orderBy = text.Contains("ORDER BY", StringComparison.Ordinal);
        var top = text.StartsWith("SELECT TOP ", StringComparison.Ordinal)
            ? int.Parse(text.AsSpan(11, text.IndexOf(' ', 11) - 11), CultureInfo.InvariantCulture)
            : int.MaxValue;
        var pageSize = options?.MaxItemCount is int max && max > 0 ? max : 100;
        var offset = continuation is null ? 0 : int.Parse(continuation, CultureInfo.InvariantCulture);
        var planFetched = !orderBy && partitionKey is not null;
        var done = false;

        var iterator = Substitute.For<FeedIterator>();
        iterator.HasMoreResults.Returns(_ => !done);
        iterator.ReadNextAsync(Arg.Any<CancellationToken>()).Returns(c => NextAsync(c.ArgAt<CancellationToken>(0)));
        return iterator;

        async Task<ResponseMessage> NextAsync(CancellationToken ct)
        {
            if (!planFetched)
            {
                // Linux: the SDK asks the gateway for the query plan (no RU), one round trip before the query.
                await _latency.DelayAsync(query: false, ct);
                _ledger.Add(_name, "query plan", 0);
                planFetched = true;
            }

            var matches = Match(text, parameters, partitionKey, orderBy).Take(top).ToList();
            var page = matches.Skip(offset).Take(pageSize).ToList();
            var charge = CosmosRuModel.Query(page.Sum(d => (long)d.Body.Length)) + (partitionKey is null ? 2.5 : 0);
            if (await ThrottleOrWaitAsync("query", charge, query: true, ct) is { } throttled)
            {
                return throttled;
            }

            offset += page.Count;
            done = offset >= matches.Count;
            var response = Answer(HttpStatusCode.OK, "query", charge);
            response.Content = new MemoryStream(Page(page), writable: false);
            if (!done)
            {
                response.Headers["x-ms-continuation"] = offset.ToString(CultureInfo.InvariantCulture);
            }

            return response;
        }
    }

    private IEnumerable<Document> Match(string text, Dictionary<string, object> parameters, PartitionKey? partitionKey, bool orderBy)
    {
        List<Document> candidates = [];
        foreach (var partition in partitionKey is { } key ? [PartitionOf(key)] : _partitions.Values.ToArray())
        {
            lock (partition)
            {
                candidates.AddRange(partition.Items.Values);
            }
        }

        IEnumerable<Document> query = candidates;
        if (parameters.TryGetValue("@k", out var k))
        {
            query = query.Where(d => d.CustomerKey == (string)k);
        }

        if (parameters.TryGetValue("@t", out var t))
        {
            query = query.Where(d => d.Type == (string)t);
        }

        if (parameters.TryGetValue("@id", out var id))
        {
            query = query.Where(d => d.Id == (string)id);
        }

        if (parameters.TryGetValue("@before", out var before))
        {
            query = query.Where(d => string.CompareOrdinal(d.SortKey, (string)before) < 0);
        }

        var channels = parameters.Where(p => p.Key.StartsWith("@ch", StringComparison.Ordinal)).Select(p => (string)p.Value).ToHashSet(StringComparer.Ordinal);
        if (channels.Count > 0)
        {
            query = query.Where(d => d.Channel is not null && channels.Contains(d.Channel));
        }

        if (text.Contains("c.type = 'pending'", StringComparison.Ordinal) || text.Contains("c.status = 'open'", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"The simulation does not model the sweep's queries: {text}");
        }

        return orderBy ? query.OrderByDescending(d => d.SortKey, StringComparer.Ordinal) : query;
    }

    private async Task<ResponseMessage?> ThrottleOrWaitAsync(string operation, double charge, bool query, CancellationToken cancellationToken)
    {
        await _latency.DelayAsync(query, cancellationToken);
        if (_latency.TryCharge(charge) is not { } retryAfter)
        {
            return null;
        }

        _ledger.Add(_name, operation, 0, throttled: true);
        var response = new ResponseMessage((HttpStatusCode)429);
        response.Headers["x-ms-retry-after-ms"] = retryAfter.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        return response;
    }

    private ResponseMessage Answer(HttpStatusCode status, string operation, double charge)
    {
        _ledger.Add(_name, operation, charge);
        var response = new ResponseMessage(status);
        response.Headers["x-ms-request-charge"] = charge.ToString("R", CultureInfo.InvariantCulture);
        return response;
    }

    private Partition PartitionOf(PartitionKey key) => _partitions.GetOrAdd(key.ToString(), static _ => new Partition());

    private string NextEtag() => "\"" + Interlocked.Increment(ref _etags).ToString(CultureInfo.InvariantCulture) + "\"";

    private static byte[] Body(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Page(List<Document> documents)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Documents");
            foreach (var document in documents)
            {
                writer.WriteRawValue(document.BodyWithSystemProperties, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteNumber("_count", documents.Count);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed class Partition
    {
        public Dictionary<string, Document> Items { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Document(string Id, string? CustomerKey, string? SortKey, string? Type, string? Channel, byte[] Body, string ETag, int IndexTerms)
    {
        /// <summary>The body with <c>_etag</c> added, as queries return documents.</summary>
        public byte[] BodyWithSystemProperties { get; } = Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(Body).TrimEnd()[..^1] + ",\"_etag\":" + JsonSerializer.Serialize(ETag) + "}");

        public static Document Parse(byte[] body, HashSet<string> indexedPaths, string etag)
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var terms = indexedPaths.Count(p => root.TryGetProperty(p, out var v) && v.ValueKind != JsonValueKind.Null);
            return new Document(Text("id")!, Text("customerKey"), Text("sk"), Text("type"), Text("channel"), body, etag, terms);
        }
    }
}
