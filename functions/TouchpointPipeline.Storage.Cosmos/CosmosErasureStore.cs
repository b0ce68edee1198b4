using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>
/// Erasure on Cosmos DB: every container is partitioned by customer key, so each key's partition is listed (ids only)
/// and its items deleted one by one (the adapters use no bulk or batch operations); refused links recorded under
/// another customer that name the person are found with two cross-partition queries. The tombstones are one item
/// (<c>{id:"tombstones"}</c> in the identities container, partition <see cref="TombstonePartition"/>) read with one
/// point read and replaced with <c>If-Match</c>; its own <c>ttl</c> is <see cref="RetentionOptions.TombstoneDays"/>
/// from the last erasure, and entries older than that are dropped on every write.
/// </summary>
internal sealed class CosmosErasureStore(
    CosmosRequests timeline,
    CosmosRequests identities,
    CosmosRequests alerts,
    CosmosRequests state,
    RetentionOptions retention,
    TimeProvider time) : IErasureStore
{
    /// <summary>The partition of the tombstones item; <c>erasure:</c> is a reserved key-space prefix, never a customer key.</summary>
    public const string TombstonePartition = CustomerKeys.ErasurePrefix + "tombstones";

    private const string TombstoneId = "tombstones";
    private const int MaxAttempts = 8;

    public async Task<ErasureCounts> EraseAsync(IReadOnlyCollection<string> customerKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKeys);
        var counts = ErasureCounts.None;
        foreach (var key in customerKeys.Distinct(StringComparer.Ordinal))
        {
            var identityRecords = await DeletePartitionAsync(identities, key, cancellationToken);
            var column = key.StartsWith(CustomerKeys.AnonymousPrefix, StringComparison.Ordinal) ? "anonymousId" : "existingCustomerId";
            var value = column == "anonymousId" ? key[CustomerKeys.AnonymousPrefix.Length..] : key;
            foreach (var (id, partition) in await QueryAsync(
                identities,
                new QueryDefinition($"SELECT c.id, c.customerKey FROM c WHERE c.type = 'rejection' AND c.{column} = @v").WithParameter("@v", value),
                partitionKey: null,
                cancellationToken))
            {
                identityRecords += await DeleteAsync(identities, id, partition, cancellationToken);
            }

            counts = counts.Add(new ErasureCounts(
                TimelineItems: await DeletePartitionAsync(timeline, key, cancellationToken),
                IdentityRecords: identityRecords,
                Alerts: await DeletePartitionAsync(alerts, key, cancellationToken),
                DetectorRecords: await DeletePartitionAsync(state, key, cancellationToken)));
        }

        return counts;
    }

    public async Task AddTombstonesAsync(IReadOnlyCollection<string> tombstones, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tombstones);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (entries, etag) = await ReadTombstonesAsync(cancellationToken);
            foreach (var tombstone in tombstones)
            {
                entries[tombstone] = erasedAt;
            }

            var cutoff = erasedAt - TimeSpan.FromDays(retention.TombstoneDays);
            var document = TombstoneDocument(entries.Where(e => e.Value >= cutoff));
            using var response = await identities.SendAsync(
                "Writing erasure tombstones",
                ct => etag is null
                    ? identities.Container.CreateItemStreamAsync(new MemoryStream(document, writable: false), new PartitionKey(TombstonePartition),
                        new ItemRequestOptions { EnableContentResponseOnWrite = false }, ct)
                    : identities.Container.ReplaceItemStreamAsync(new MemoryStream(document, writable: false), TombstoneId, new PartitionKey(TombstonePartition),
                        new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, ct),
                cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            // 409 (created concurrently) or 412 (changed concurrently): read again and merge.
        }

        throw new InvalidOperationException($"The erasure tombstones kept changing concurrently; gave up after {MaxAttempts} attempts.");
    }

    public async Task<IReadOnlyCollection<string>> GetTombstonesAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(retention.TombstoneDays);
        var (entries, _) = await ReadTombstonesAsync(cancellationToken);
        return entries.Where(e => e.Value >= cutoff).Select(e => e.Key).ToList();
    }

    private async Task<(Dictionary<string, DateTimeOffset> Entries, string? ETag)> ReadTombstonesAsync(CancellationToken cancellationToken)
    {
        using var response = await identities.SendAsync(
            "Reading erasure tombstones",
            ct => identities.Container.ReadItemStreamAsync(TombstoneId, new PartitionKey(TombstonePartition), cancellationToken: ct),
            cancellationToken);
        var entries = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (entries, null);
        }

        using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        foreach (var entry in document.RootElement.GetProperty("entries").EnumerateArray())
        {
            entries[entry.GetProperty("id").GetString()!] = entry.GetProperty("erasedAt").GetDateTimeOffset();
        }

        return (entries, response.Headers.ETag);
    }

    private byte[] TombstoneDocument(IEnumerable<KeyValuePair<string, DateTimeOffset>> entries)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("id", TombstoneId);
            w.WriteString("customerKey", TombstonePartition);
            w.WriteString("type", "tombstones");
            w.WriteNumber("ttl", RetentionOptions.Seconds(retention.TombstoneDays));
            w.WriteStartArray("entries");
            foreach (var (id, erasedAt) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("erasedAt", erasedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static async Task<int> DeletePartitionAsync(CosmosRequests requests, string key, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var (id, partition) in await QueryAsync(requests, new QueryDefinition("SELECT c.id, c.customerKey FROM c WHERE c.customerKey = @k").WithParameter("@k", key), key, cancellationToken))
        {
            deleted += await DeleteAsync(requests, id, partition, cancellationToken);
        }

        return deleted;
    }

    private static async Task<int> DeleteAsync(CosmosRequests requests, string id, string partition, CancellationToken cancellationToken)
    {
        using var response = await requests.SendAsync(
            "Erasing an item",
            ct => requests.Container.DeleteItemStreamAsync(id, new PartitionKey(partition), cancellationToken: ct),
            cancellationToken);
        return response.IsSuccessStatusCode ? 1 : 0;
    }

    private static async Task<List<(string Id, string Partition)>> QueryAsync(
        CosmosRequests requests, QueryDefinition query, string? partitionKey, CancellationToken cancellationToken)
    {
        var found = new List<(string, string)>();
        using var iterator = requests.Container.GetItemQueryStreamIterator(
            query, continuationToken: null, new QueryRequestOptions { PartitionKey = partitionKey is null ? null : new PartitionKey(partitionKey) });
        while (iterator.HasMoreResults)
        {
            using var response = await requests.SendAsync("Listing items to erase", iterator.ReadNextAsync, cancellationToken);
            using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            foreach (var item in document.RootElement.GetProperty("Documents").EnumerateArray())
            {
                found.Add((item.GetProperty("id").GetString()!, item.GetProperty("customerKey").GetString()!));
            }
        }

        return found;
    }
}
