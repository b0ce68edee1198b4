namespace TouchpointPipeline.Functions.Hosting;

internal enum StorageProvider
{
    Sqlite,
    Cosmos,
}
