namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite timeline store (section <c>Storage</c>), validated at start.</summary>
public sealed class SqliteStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The database file's name inside <see cref="DataPath"/>.</summary>
    public const string DatabaseFileName = "touchpoints.db";

    /// <summary>
    /// The folder holding the database, created on first use; relative paths are relative to the working directory.
    /// Default <c>.touchpoint-data</c>.
    /// </summary>
    public string DataPath { get; set; } = ".touchpoint-data";

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.Combine(Path.GetFullPath(DataPath), DatabaseFileName);
}
