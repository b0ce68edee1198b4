using System.Buffers;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>
/// The timeline in a Cosmos DB container partitioned by <c>/customerKey</c>, one document per event. Writes are
/// stream creates (201 → created, 409 → duplicate, never an upsert), run concurrently because a batch spans many
/// customers; throttled or unavailable writes are retried a bounded number of times honouring the retry-after.
/// Reads are single-partition queries on <c>sk</c>; the ingest path's session lookup is one <c>TOP 1</c> query per
/// customer, all in flight at once.
/// </summary>
internal sealed partial class CosmosTimelineStore(
    Container container,
    CosmosStorageOptions options,
    TimeProvider timeProvider,
    ILogger<CosmosTimelineStore> logger,
    CosmosMetrics? metrics = null) : ITimelineStore
{
    /// <summary>
    /// Requests in flight at once for one call: a whole trigger batch (≤ 100 events by default) goes out in one wave, so
    /// an append or a session lookup waits about one round trip, not one per 32 events.
    /// </summary>
    internal const int MaxConcurrentWrites = 100;

    private const string RetryAfterHeader = "x-ms-retry-after-ms";
    private const string SubStatusHeader = "x-ms-substatus";
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    public async Task<AppendResult> AppendAsync(IReadOnlyList<TimelineItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var outcomes = new AppendOutcome[items.Count];

        // A repeated (customer key, id) in one call is a duplicate of its first occurrence without a round trip, so the
        // first one is the one created even though the writes run concurrently.
        var firstIndex = new Dictionary<(string CustomerKey, string Id), int>(items.Count);
        var toWrite = new List<int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (firstIndex.TryAdd((items[i].CustomerKey, items[i].Id), i))
            {
                toWrite.Add(i);
            }
            else
            {
                outcomes[i] = AppendOutcome.Duplicate;
            }
        }

        await Parallel.ForEachAsync(
            toWrite,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentWrites, CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await CreateAsync(items[i], ct));
        return new AppendResult(outcomes);
    }

    public async Task<TimelinePage> GetPageAsync(
        string customerKey,
        TimelineQuery query,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerKey);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));

        var take = query.Limit + 1;
        var definition = query.BeforeSortKey is null
            ? new QueryDefinition("SELECT * FROM c WHERE c.customerKey = @k ORDER BY c.sk DESC")
            : new QueryDefinition("SELECT * FROM c WHERE c.customerKey = @k AND c.sk < @before ORDER BY c.sk DESC")
                .WithParameter("@before", query.BeforeSortKey);
        definition.WithParameter("@k", customerKey);
        var requestOptions = new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(customerKey),
            MaxItemCount = take,
        };

        var items = new List<TimelineItem>(Math.Min(take, 256));
        using var iterator = container.GetItemQueryStreamIterator(definition, continuationToken: null, requestOptions);
        while (items.Count < take && iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken);
            metrics?.Record(container.Id, "Querying the timeline", response.Headers.RequestCharge);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure("Querying the timeline", response, attempts: 1);
            }

            if (response.Content is null)
            {
                continue;
            }

            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            foreach (var document in page.RootElement.GetProperty("Documents"u8).EnumerateArray())
            {
                items.Add(CosmosTimelineDocument.Read(document));
                if (items.Count == take)
                {
                    break;
                }
            }
        }

        if (items.Count <= query.Limit)
        {
            return new TimelinePage(items, null);
        }

        items.RemoveAt(items.Count - 1);
        return new TimelinePage(items, items[^1].SortKey);
    }

    /// <summary>
    /// Each customer's newest item on the asked channels below the cursor, as SQLite answers it: one <c>TOP 1</c>
    /// single-partition query per customer, all in flight at once (the port's default reads a page per customer one
    /// after another, and may miss an item more than <see cref="LatestItemQuery.Lookback"/> items back).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, TimelineItem>> GetLatestAsync(IReadOnlyList<LatestItemQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var found = new TimelineItem?[queries.Count];
        await Parallel.ForAsync(
            0,
            queries.Count,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentWrites, CancellationToken = cancellationToken },
            async (i, ct) => found[i] = await GetLatestAsync(queries[i], ct));
        var latest = new Dictionary<string, TimelineItem>(StringComparer.Ordinal);
        for (var i = 0; i < queries.Count; i++)
        {
            if (found[i] is { } item)
            {
                latest[queries[i].CustomerKey] = item;
            }
        }

        return latest;
    }

    private async Task<TimelineItem?> GetLatestAsync(LatestItemQuery query, CancellationToken cancellationToken)
    {
        if (query.Channels.Count == 0)
        {
            return null;
        }

        var sql = new StringBuilder("SELECT TOP 1 * FROM c WHERE c.customerKey = @k AND c.sk < @before AND c.channel IN (");
        var channels = query.Channels.Select(c => c.ToWire()).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < channels.Count; i++)
        {
            sql.Append(i == 0 ? "@ch" : ", @ch").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        var definition = new QueryDefinition(sql.Append(") ORDER BY c.sk DESC").ToString())
            .WithParameter("@k", query.CustomerKey)
            .WithParameter("@before", query.BeforeSortKey);
        for (var i = 0; i < channels.Count; i++)
        {
            definition = definition.WithParameter("@ch" + i.ToString(CultureInfo.InvariantCulture), channels[i]);
        }

        using var iterator = container.GetItemQueryStreamIterator(
            definition, continuationToken: null, new QueryRequestOptions { PartitionKey = new PartitionKey(query.CustomerKey), MaxItemCount = 1 });
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken);
            metrics?.Record(container.Id, "Querying the latest item", response.Headers.RequestCharge);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure("Querying the latest timeline item", response, attempts: 1);
            }

            if (response.Content is null)
            {
                continue;
            }

            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            foreach (var document in page.RootElement.GetProperty("Documents"u8).EnumerateArray())
            {
                return CosmosTimelineDocument.Read(document);
            }
        }

        return null;
    }

    private async Task<AppendOutcome> CreateAsync(TimelineItem item, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(item.Data.Length + 768);
        CosmosTimelineDocument.Write(buffer, item);
        if (!MemoryMarshal.TryGetArray(buffer.WrittenMemory, out var document))
        {
            throw new InvalidOperationException("The document buffer is not array-backed.");
        }

        var partitionKey = new PartitionKey(item.CustomerKey);
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            using var payload = new MemoryStream(document.Array!, document.Offset, document.Count, writable: false);
            using var response = await container.CreateItemStreamAsync(
                payload,
                partitionKey,
                new ItemRequestOptions { EnableContentResponseOnWrite = false },
                cancellationToken);
            metrics?.Record(container.Id, "Creating a timeline item", response.Headers.RequestCharge);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                    return AppendOutcome.Created;
                case HttpStatusCode.Conflict:
                    return AppendOutcome.Duplicate;
            }

            var budget = options.MaxRetryWaitTime - waited;
            if (!IsTransient(response.StatusCode) || attempt > options.MaxRetryAttempts || budget <= TimeSpan.Zero)
            {
                throw Failure("Creating a timeline item", response, attempt);
            }

            var delay = RetryDelay(response, attempt);
            delay = delay < budget ? delay : budget;

            LogRetry(logger, (int)response.StatusCode, attempt, delay.TotalMilliseconds);
            await Task.Delay(delay, timeProvider, cancellationToken);
            waited += delay;
        }
    }

    private static bool IsTransient(HttpStatusCode status) => (int)status is 429 or 503 or 408 or 449;

    /// <summary>The server's retry-after when it gives one, else an exponential backoff (100 ms, 200 ms, 400 ms, …).</summary>
    private static TimeSpan RetryDelay(ResponseMessage response, int attempt)
    {
        var header = response.Headers[RetryAfterHeader];
        if (double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return FirstBackoff * Math.Pow(2, Math.Min(attempt - 1, 6));
    }

    private CosmosException Failure(string operation, ResponseMessage response, int attempts)
    {
        var status = (int)response.StatusCode;
        _ = int.TryParse(response.Headers[SubStatusHeader], CultureInfo.InvariantCulture, out var subStatus);
        var activityId = response.Headers.ActivityId;
        return new CosmosException(
            $"{operation} in Cosmos DB container '{container.Id}' failed with status {status} ({response.StatusCode}), " +
            $"substatus {subStatus}, after {attempts} attempt(s); activity id {activityId}.",
            response.StatusCode,
            subStatus,
            activityId,
            response.Headers.RequestCharge);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug,
        Message = "Timeline write answered {Status}; retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, int status, int attempt, double delayMs);
}
