using System.Net;
using Microsoft.Azure.Cosmos;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>
/// The containers this app uses, in one place: partition key, TTL and indexing policy. <c>infra/</c> (Bicep) creates
/// them in Azure with the same values; <see cref="EnsureCreatedAsync(CosmosClient, CosmosStorageOptions, RetentionOptions, CancellationToken)"/>
/// creates them on the emulator and in tests. Every container has a default TTL from <see cref="RetentionOptions"/>
/// (counted from an item's last write); an item's own <c>ttl</c> overrides it (the erasure tombstones).
/// </summary>
public static class CosmosContainerDefinitions
{
    /// <summary>The timeline container's partition key path.</summary>
    public const string TimelinePartitionKeyPath = "/customerKey";

    /// <summary>The only paths the timeline indexes: the partition key, the sort key and the filterable fields.</summary>
    public static IReadOnlyList<string> TimelineIncludedPaths { get; } =
        ["/customerKey/?", "/sk/?", "/type/?", "/channel/?"];

    /// <summary>Everything else (the data object, the position, the ids) is excluded from the index.</summary>
    public static IReadOnlyList<string> TimelineExcludedPaths { get; } = ["/*"];

    /// <summary>The timeline container: pk <c>/customerKey</c>, default TTL <see cref="RetentionOptions.TimelineDays"/>, consistent indexing of the paths above.</summary>
    public static ContainerProperties Timeline(CosmosStorageOptions options, RetentionOptions retention)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retention);
        var indexing = new IndexingPolicy { IndexingMode = IndexingMode.Consistent, Automatic = true };
        foreach (var path in TimelineIncludedPaths)
        {
            indexing.IncludedPaths.Add(new IncludedPath { Path = path });
        }

        foreach (var path in TimelineExcludedPaths)
        {
            indexing.ExcludedPaths.Add(new ExcludedPath { Path = path });
        }

        return new ContainerProperties(options.TimelineContainerName, TimelinePartitionKeyPath)
        {
            DefaultTimeToLive = RetentionOptions.Seconds(retention.TimelineDays),
            IndexingPolicy = indexing,
        };
    }

    /// <summary>
    /// The identities container: pk <c>/customerKey</c> (<c>anon:&lt;id&gt;</c> or the customer id), default TTL
    /// <see cref="RetentionOptions.IdentityLinkDays"/>; queries filter on <c>/type</c>.
    /// </summary>
    public static ContainerProperties Identities(CosmosStorageOptions options, RetentionOptions retention)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retention);
        var indexing = new IndexingPolicy { IndexingMode = IndexingMode.Consistent, Automatic = true };
        indexing.IncludedPaths.Add(new IncludedPath { Path = "/customerKey/?" });
        indexing.IncludedPaths.Add(new IncludedPath { Path = "/type/?" });
        indexing.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        return new ContainerProperties(options.IdentitiesContainerName, TimelinePartitionKeyPath)
        {
            DefaultTimeToLive = RetentionOptions.Seconds(retention.IdentityLinkDays),
            IndexingPolicy = indexing,
        };
    }

    /// <summary>The paths the alert API and the sweep filter and order on.</summary>
    public static IReadOnlyList<string> AlertsIncludedPaths { get; } =
        ["/status/?", "/severity/?", "/ruleId/?", "/createdAt/?", "/escalatedAt/?", "/customerKey/?"];

    /// <summary>The paths the sweep's due-check query filters and orders on.</summary>
    public static IReadOnlyList<string> StateIncludedPaths { get; } = ["/customerKey/?", "/type/?", "/deadline/?"];

    /// <summary>The alerts container: pk <c>/customerKey</c>, default TTL <see cref="RetentionOptions.AlertDays"/>, only <see cref="AlertsIncludedPaths"/> indexed.</summary>
    public static ContainerProperties Alerts(CosmosStorageOptions options, RetentionOptions retention)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retention);
        return new ContainerProperties(options.AlertsContainerName, TimelinePartitionKeyPath)
        {
            DefaultTimeToLive = RetentionOptions.Seconds(retention.AlertDays),
            IndexingPolicy = Indexing(AlertsIncludedPaths),
        };
    }

    /// <summary>The state container: pk <c>/customerKey</c>, default TTL <see cref="RetentionOptions.DetectorStateDays"/>, only <see cref="StateIncludedPaths"/> indexed.</summary>
    public static ContainerProperties State(CosmosStorageOptions options, RetentionOptions retention)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retention);
        return new ContainerProperties(options.StateContainerName, TimelinePartitionKeyPath)
        {
            DefaultTimeToLive = RetentionOptions.Seconds(retention.DetectorStateDays),
            IndexingPolicy = Indexing(StateIncludedPaths),
        };
    }

    /// <summary>Every container the app uses.</summary>
    public static IReadOnlyList<ContainerProperties> All(CosmosStorageOptions options, RetentionOptions retention) =>
        [Timeline(options, retention), Identities(options, retention), Alerts(options, retention), State(options, retention)];

    private static IndexingPolicy Indexing(IEnumerable<string> includedPaths)
    {
        var indexing = new IndexingPolicy { IndexingMode = IndexingMode.Consistent, Automatic = true };
        foreach (var path in includedPaths)
        {
            indexing.IncludedPaths.Add(new IncludedPath { Path = path });
        }

        indexing.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        return indexing;
    }

    /// <summary>
    /// Creates the database and the containers when missing, with the default <see cref="RetentionOptions"/>. For the
    /// emulator and test fixtures only (key auth): in Azure the Bicep creates them, and the app's identity has no
    /// control-plane rights.
    /// </summary>
    public static Task EnsureCreatedAsync(CosmosClient client, CosmosStorageOptions options, CancellationToken cancellationToken) =>
        EnsureCreatedAsync(client, options, new RetentionOptions(), cancellationToken);

    /// <summary>
    /// Creates the database and the containers when missing, with the TTLs of <paramref name="retention"/>. For the
    /// emulator and test fixtures only (key auth): in Azure the Bicep creates them.
    /// </summary>
    public static async Task EnsureCreatedAsync(
        CosmosClient client,
        CosmosStorageOptions options,
        RetentionOptions retention,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AccountKey))
        {
            throw new InvalidOperationException(
                "EnsureCreatedAsync is for the emulator and test fixtures (key auth); in Azure the Bicep in infra/ " +
                "creates the database and containers.");
        }

        var database = await client.CreateDatabaseIfNotExistsAsync(
            options.DatabaseName, cancellationToken: cancellationToken);
        foreach (var container in All(options, retention))
        {
            var response = await database.Database.CreateContainerIfNotExistsAsync(
                container, cancellationToken: cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                throw new InvalidOperationException(
                    $"Creating container '{container.Id}' answered {(int)response.StatusCode}.");
            }
        }
    }
}
