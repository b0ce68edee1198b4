namespace TouchpointPipeline.Functions.Hosting;

/// <summary>Which timeline store the app uses. SQLite is the embedded default; Azure deployments set <c>Cosmos</c>.</summary>
internal sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;
}
