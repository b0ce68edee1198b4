using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Enrichment.Redaction;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// The embedded store's answer to "no PII salt configured": a random salt kept in <c>&lt;DataPath&gt;/pii-salt</c>,
/// created on first start and read on every later one. The salt has to live exactly as long as the data hashed with
/// it (a new salt would split every hashed customer's timeline), and for a laptop database that is its folder, so a
/// newcomer's <c>dotnet run</c> needs no secret. A configured <c>Enrichment:Pii:Salt</c> always wins; Azure
/// deployments (Cosmos) get theirs from Key Vault and have no such fallback.
/// </summary>
internal sealed class SqliteLocalPiiSalt(IOptions<SqliteStorageOptions> storage) : IPostConfigureOptions<PiiOptions>
{
    public const string FileName = "pii-salt";

    public void PostConfigure(string? name, PiiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.HashingEnabled || !string.IsNullOrWhiteSpace(options.Salt))
        {
            return;
        }

        options.Salt = ReadOrCreate(Path.Combine(Path.GetFullPath(storage.Value.DataPath), FileName));
    }

    private static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        try
        {
            // CreateNew: when two processes start on one folder at once, exactly one salt wins and both use it.
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var writer = new StreamWriter(stream);
            writer.Write(salt);
            return salt;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Read(path);
        }
    }

    private static string Read(string path)
    {
        var salt = File.ReadAllText(path).Trim();
        return salt.Length >= PiiOptions.MinSaltLength
            ? salt
            : throw new InvalidOperationException(
                $"The local PII salt file '{path}' is damaged (shorter than {PiiOptions.MinSaltLength} characters). Restore it, "
                + "or delete it together with the database beside it: hashed customer ids cannot be matched without the original salt.");
    }
}
