using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using TouchpointPipeline.Core.Identity;

namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>
/// Identity links in the <c>identities</c> container (pk <c>/customerKey</c>). The forward link
/// <c>{id:"link"}</c> in the anonymous id's partition (<c>anon:&lt;id&gt;</c>) is the source of truth: created with
/// create-if-absent, so of two concurrent links exactly one wins. A reverse link in the customer's partition serves
/// <see cref="GetLinksAsync"/> and the per-customer window count; it is re-created (409 = present) whenever the forward
/// link is seen, so a crash between the two writes heals on the next delivery. Refusals are recorded in both partitions
/// under ids made of (customer, event), so a redelivered refusal is written once.
/// </summary>
internal sealed class CosmosIdentityStore(Container container, CosmosStorageOptions options, TimeProvider timeProvider, CosmosMetrics? metrics = null) : IIdentityStore
{
    private const string ForwardId = "link";
    private readonly CosmosRequests _requests = new(container, options, timeProvider, metrics);

    public async Task<LinkResult> LinkAsync(IdentityLink link, IdentityLinkPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(policy);
        var anonymousKey = AnonymousKey(link.AnonymousId);
        for (var round = 0; round < 3; round++)
        {
            if (await ReadForwardAsync(link.AnonymousId, cancellationToken) is { } existing)
            {
                if (existing.CustomerId == link.CustomerId)
                {
                    await CreateAsync(existing.CustomerId, LinkDocument("anon:" + existing.AnonymousId, existing.CustomerId, existing), cancellationToken);
                    return new LinkResult(LinkOutcome.AlreadyLinked);
                }

                await RecordRejectionAsync(link, LinkOutcome.Conflict, existing.CustomerId, cancellationToken);
                return new LinkResult(LinkOutcome.Conflict, existing.CustomerId);
            }

            var recent = (await GetLinksAsync(link.CustomerId, cancellationToken))
                .Count(l => l.LinkedAt > link.LinkedAt - policy.Window && l.LinkedAt <= link.LinkedAt);
            if (recent >= policy.MaxLinksPerCustomer)
            {
                await RecordRejectionAsync(link, LinkOutcome.TooManyLinks, null, cancellationToken);
                return new LinkResult(LinkOutcome.TooManyLinks);
            }

            if (await CreateAsync(anonymousKey, LinkDocument(ForwardId, anonymousKey, link), cancellationToken))
            {
                await CreateAsync(link.CustomerId, LinkDocument("anon:" + link.AnonymousId, link.CustomerId, link), cancellationToken);
                return new LinkResult(LinkOutcome.Linked);
            }

            // 409: a concurrent link of the same anonymous id won; decide again against it.
        }

        throw new InvalidOperationException($"The link of anonymous id '{link.AnonymousId}' kept racing with concurrent links.");
    }

    /// <summary>One ReadMany of the forward links (one round trip per partition-key range), not a point read per id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(IReadOnlyCollection<string> anonymousIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anonymousIds);
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        if (anonymousIds.Count == 0)
        {
            return resolved;
        }

        List<(string, PartitionKey)> keys = [.. anonymousIds.Distinct(StringComparer.Ordinal).Select(id => (ForwardId, new PartitionKey(AnonymousKey(id))))];
        using var response = await _requests.SendAsync("Reading identity links", ct => container.ReadManyItemsStreamAsync(keys, cancellationToken: ct), cancellationToken);
        using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        foreach (var document in page.RootElement.GetProperty("Documents"u8).EnumerateArray())
        {
            var link = ReadLink(document);
            resolved[link.AnonymousId] = link.CustomerId;
        }

        return resolved;
    }

    public async Task<IReadOnlyList<IdentityLink>> GetLinksAsync(string customerId, CancellationToken cancellationToken)
    {
        var documents = await QueryAsync(customerId, "link", cancellationToken);
        return [.. documents.Select(ReadLink).OrderBy(l => l.LinkedAt).ThenBy(l => l.AnonymousId, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<IdentityRejection>> GetRejectionsAsync(string id, CancellationToken cancellationToken)
    {
        var documents = (await QueryAsync(AnonymousKey(id), "rejection", cancellationToken)).Concat(await QueryAsync(id, "rejection", cancellationToken));
        return [.. documents
            .Select(d => new IdentityRejection(ReadLink(d), Enum.Parse<LinkOutcome>(d.GetProperty("outcome").GetString()!), OptionalString(d, "existingCustomerId")))
            .DistinctBy(r => (r.Attempt.AnonymousId, r.Attempt.CustomerId, r.Attempt.EventId))
            .OrderBy(r => r.Attempt.LinkedAt).ThenBy(r => r.Attempt.EventId, StringComparer.Ordinal)];
    }

    private async Task RecordRejectionAsync(IdentityLink link, LinkOutcome outcome, string? existingCustomerId, CancellationToken cancellationToken)
    {
        var suffix = link.CustomerId + ":" + link.EventId;
        await CreateAsync(AnonymousKey(link.AnonymousId), RejectionDocument("rejection:" + suffix, AnonymousKey(link.AnonymousId), link, outcome, existingCustomerId), cancellationToken);
        await CreateAsync(link.CustomerId, RejectionDocument("rejection:anon:" + link.AnonymousId + ":" + link.EventId, link.CustomerId, link, outcome, existingCustomerId), cancellationToken);
    }

    private async Task<IdentityLink?> ReadForwardAsync(string anonymousId, CancellationToken cancellationToken)
    {
        using var response = await _requests.SendAsync("Reading an identity link", ct => container.ReadItemStreamAsync(ForwardId, new PartitionKey(AnonymousKey(anonymousId)), cancellationToken: ct), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        return ReadLink(document.RootElement);
    }

    /// <summary>Create-if-absent; true when this call created it, false when it existed (409).</summary>
    private async Task<bool> CreateAsync(string partitionKey, byte[] document, CancellationToken cancellationToken)
    {
        using var response = await _requests.SendAsync("Writing an identity document", ct =>
        {
            var stream = new MemoryStream(document, writable: false);
            return container.CreateItemStreamAsync(stream, new PartitionKey(partitionKey), new ItemRequestOptions { EnableContentResponseOnWrite = false }, ct);
        }, cancellationToken);
        return response.StatusCode != HttpStatusCode.Conflict;
    }

    private async Task<List<JsonElement>> QueryAsync(string partitionKey, string type, CancellationToken cancellationToken)
    {
        var definition = new QueryDefinition("SELECT * FROM c WHERE c.customerKey = @k AND c.type = @t").WithParameter("@k", partitionKey).WithParameter("@t", type);
        using var iterator = container.GetItemQueryStreamIterator(definition, continuationToken: null, new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey) });
        var documents = new List<JsonElement>();
        while (iterator.HasMoreResults)
        {
            using var response = await _requests.SendAsync("Querying identities", iterator.ReadNextAsync, cancellationToken);
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            documents.AddRange(page.RootElement.GetProperty("Documents"u8).EnumerateArray().Select(d => d.Clone()));
        }

        return documents;
    }

    private static string AnonymousKey(string anonymousId) => "anon:" + anonymousId;

    private static byte[] LinkDocument(string id, string partitionKey, IdentityLink link) => Write(w =>
    {
        w.WriteString("id", id);
        w.WriteString("customerKey", partitionKey);
        w.WriteString("type", "link");
        WriteLink(w, link);
    });

    private static byte[] RejectionDocument(string id, string partitionKey, IdentityLink link, LinkOutcome outcome, string? existingCustomerId) => Write(w =>
    {
        w.WriteString("id", id);
        w.WriteString("customerKey", partitionKey);
        w.WriteString("type", "rejection");
        WriteLink(w, link);
        w.WriteString("outcome", outcome.ToString());
        w.WriteString("existingCustomerId", existingCustomerId);
    });

    private static void WriteLink(Utf8JsonWriter w, IdentityLink link)
    {
        w.WriteString("anonymousId", link.AnonymousId);
        w.WriteString("customerId", link.CustomerId);
        w.WriteString("eventId", link.EventId);
        w.WriteString("source", link.Source);
        w.WriteString("linkedAt", link.LinkedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static IdentityLink ReadLink(JsonElement d) => new(
        d.GetProperty("anonymousId").GetString()!,
        d.GetProperty("customerId").GetString()!,
        d.GetProperty("eventId").GetString()!,
        d.GetProperty("source").GetString()!,
        DateTimeOffset.Parse(d.GetProperty("linkedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));

    private static string? OptionalString(JsonElement d, string name) =>
        d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

}
