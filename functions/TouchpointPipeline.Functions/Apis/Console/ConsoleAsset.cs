namespace TouchpointPipeline.Functions.Apis.Console;

/// <summary>One static file of the support console, read once from the assembly; <see cref="ETag"/> is its content hash.</summary>
internal sealed record ConsoleAsset(string Name, string ContentType, ReadOnlyMemory<byte> Content, string ETag);
