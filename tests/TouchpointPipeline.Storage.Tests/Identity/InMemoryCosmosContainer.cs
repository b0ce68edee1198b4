using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using NSubstitute;

namespace TouchpointPipeline.Storage.Tests.Identity;

/// <summary>
/// A substituted <see cref="Container"/> that keeps documents in memory with Cosmos DB's answers for the stream APIs the
/// identity adapter uses: create (201, or 409 when the id exists in the partition), point read (200/404), ReadMany and the
/// single-partition <c>c.customerKey = @k AND c.type = @t</c> query. <see cref="Fault"/> injects a status per call.
/// </summary>
internal sealed class InMemoryCosmosContainer
{
    private readonly ConcurrentDictionary<(string PartitionKey, string Id), byte[]> _documents = new();

    public InMemoryCosmosContainer()
    {
        Container = Substitute.For<Container>();
        Container.Id.Returns("identities");
        Container.CreateItemStreamAsync(Arg.Any<Stream>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(info => Task.FromResult(Create(info.Arg<Stream>(), info.Arg<PartitionKey>())));
        Container.ReadItemStreamAsync(Arg.Any<string>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(info => Task.FromResult(Read(info.ArgAt<string>(0), info.Arg<PartitionKey>())));
        Container.ReadManyItemsStreamAsync(Arg.Any<IReadOnlyList<(string, PartitionKey)>>(), Arg.Any<ReadManyRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(info => Task.FromResult(ReadMany(info.ArgAt<IReadOnlyList<(string, PartitionKey)>>(0))));
        Container.GetItemQueryStreamIterator(Arg.Any<QueryDefinition>(), Arg.Any<string>(), Arg.Any<QueryRequestOptions>())
            .Returns(info => Query(info.Arg<QueryDefinition>(), info.Arg<QueryRequestOptions>()));
    }

    public Container Container { get; }

    /// <summary>Called before every operation ("create", "read", "query") with the document id (or query type); a status fails that call.</summary>
    public Func<string, string, HttpStatusCode?> Fault { get; set; } = (_, _) => null;

    public IReadOnlyCollection<(string PartitionKey, string Id)> Keys => [.. _documents.Keys];

    public void Remove(string partitionKey, string id) => _documents.TryRemove((Key(new PartitionKey(partitionKey)), id), out _);

    private ResponseMessage Create(Stream stream, PartitionKey partitionKey)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var body = copy.ToArray();
        using var document = JsonDocument.Parse(body);
        var id = document.RootElement.GetProperty("id").GetString()!;
        if (Fault("create", id) is { } status)
        {
            return Answer(status);
        }

        return Answer(_documents.TryAdd((Key(partitionKey), id), body) ? HttpStatusCode.Created : HttpStatusCode.Conflict);
    }

    private ResponseMessage Read(string id, PartitionKey partitionKey)
    {
        if (Fault("read", id) is { } status)
        {
            return Answer(status);
        }

        if (!_documents.TryGetValue((Key(partitionKey), id), out var body))
        {
            return Answer(HttpStatusCode.NotFound);
        }

        var response = Answer(HttpStatusCode.OK);
        response.Content = new MemoryStream(body, writable: false);
        return response;
    }

    private ResponseMessage ReadMany(IReadOnlyList<(string Id, PartitionKey PartitionKey)> items)
    {
        var found = new List<JsonElement>();
        foreach (var (id, partitionKey) in items)
        {
            if (Fault("read", id) is { } status)
            {
                return Answer(status);
            }

            if (_documents.TryGetValue((Key(partitionKey), id), out var body))
            {
                found.Add(JsonDocument.Parse(body).RootElement);
            }
        }

        var response = Answer(HttpStatusCode.OK);
        response.Content = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { Documents = found, _count = found.Count })), writable: false);
        return response;
    }

    private FeedIterator Query(QueryDefinition query, QueryRequestOptions options)
    {
        var parameters = query.GetQueryParameters().ToDictionary(p => p.Name, p => (string)p.Value, StringComparer.Ordinal);
        Assert.Equal("SELECT * FROM c WHERE c.customerKey = @k AND c.type = @t", query.QueryText);
        Assert.Equal(Key(new PartitionKey(parameters["@k"])), Key(options.PartitionKey!.Value));
        var type = parameters["@t"];
        var iterator = Substitute.For<FeedIterator>();
        iterator.HasMoreResults.Returns(true, false);
        iterator.ReadNextAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            if (Fault("query", type) is { } status)
            {
                return Task.FromResult(Answer(status));
            }

            var matches = _documents
                .Where(d => d.Key.PartitionKey == Key(options.PartitionKey!.Value))
                .Select(d => JsonDocument.Parse(d.Value).RootElement)
                .Where(d => d.GetProperty("type").GetString() == type)
                .ToList();
            var page = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { Documents = matches, _count = matches.Count }));
            var response = Answer(HttpStatusCode.OK);
            response.Content = new MemoryStream(page, writable: false);
            return Task.FromResult(response);
        });
        return iterator;
    }

    private static ResponseMessage Answer(HttpStatusCode status)
    {
        var response = new ResponseMessage(status);
        if ((int)status == 429)
        {
            response.Headers["x-ms-retry-after-ms"] = "5";
        }

        return response;
    }

    private static string Key(PartitionKey partitionKey) => partitionKey.ToString();
}
