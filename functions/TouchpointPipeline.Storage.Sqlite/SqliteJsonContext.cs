using System.Text.Json.Serialization;

namespace TouchpointPipeline.Storage.Sqlite;

[JsonSerializable(typeof(string[]))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;
