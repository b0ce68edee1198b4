using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Storage.DeadLetters.ParkedBatches;
using TouchpointPipeline.Storage.DeadLetters.Quarantine;
using TouchpointPipeline.Storage.DeadLetters.Retention;

namespace TouchpointPipeline.Storage.DeadLetters;

public static class DeadLetterStorageServiceCollectionExtensions
{
    // The connection's earlier name: refused at start rather than silently falling back to local folders.
    private const string RenamedSectionName = "QuarantineStorage";

    /// <summary>
    /// Registers the quarantine and parked-batch stores: Azure Blob Storage when <c>DeadLetterStorage</c> is a
    /// connection string or has a <c>blobServiceUri</c> (managed identity), else folders under <c>Storage:DataPath</c>
    /// (with their retention purge and erasure; blob containers expire by lifecycle rules in <c>infra/</c>).
    /// </summary>
    public static IServiceCollection AddDeadLetterStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DeadLetterStorageOptions.SectionName);
        services.AddOptions<DeadLetterStorageOptions>()
            .Configure(o =>
            {
                // The same key is either a plain value (connection string) or a section (identity-based), as in Functions.
                o.ConnectionString = section.Value;
                section.Bind(o);
                o.DataPath = configuration["Storage:DataPath"] is { Length: > 0 } path ? path : o.DataPath;
            })
            .Validate(o => o.BlobServiceUri is null || (o.BlobServiceUri.IsAbsoluteUri && o.BlobServiceUri.Scheme is "https" or "http"),
                "DeadLetterStorage:blobServiceUri must be an absolute http(s) URI such as https://<account>.blob.core.windows.net.")
            .Validate(o => IsContainerName(o.QuarantineContainer) && IsContainerName(o.ParkedContainer),
                "DeadLetterStorage container names must be valid blob container names (3-63 lower-case letters, digits and dashes).")
            .Validate(o => !DeadLetterCipher.IsUnresolvedKeyVaultReference(o.EncryptionKey), DeadLetterCipher.UnresolvedReferenceMessage)
            .Validate(o => DeadLetterCipher.IsValidKey(o.EncryptionKey), DeadLetterCipher.TooShortMessage)
            .Validate(_ => !configuration.GetSection(RenamedSectionName).Exists(),
                $"The setting {RenamedSectionName} is now called {DeadLetterStorageOptions.SectionName} (same value and sub-keys); rename it so quarantined events and parked batches keep going to the same place.")
            .ValidateOnStart();

        services.AddSingleton<DeadLetterCipher>();
        var usesBlobs = !string.IsNullOrWhiteSpace(section.Value) || !string.IsNullOrWhiteSpace(section["blobServiceUri"]);
        if (!usesBlobs)
        {
            services.AddSingleton<IQuarantineStore, FolderQuarantineStore>();
            services.AddSingleton<IParkedBatchStore, FolderParkedBatchStore>();
            services.AddSingleton<IRetentionPurge, FolderDeadLetterPurge>();
            services.AddSingleton<IDeadLetterEraser, FolderDeadLetterEraser>();
            return services;
        }

        services.AddSingleton(sp => CreateServiceClient(sp.GetRequiredService<IOptions<DeadLetterStorageOptions>>().Value));
        services.AddSingleton<IQuarantineStore>(sp => new BlobQuarantineStore(new BlobContainerWriter(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<IOptions<DeadLetterStorageOptions>>().Value.QuarantineContainer)),
            sp.GetRequiredService<DeadLetterCipher>()));
        services.AddSingleton<IParkedBatchStore>(sp => new BlobParkedBatchStore(new BlobContainerWriter(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<IOptions<DeadLetterStorageOptions>>().Value.ParkedContainer)),
            sp.GetRequiredService<DeadLetterCipher>()));
        services.AddSingleton<IDeadLetterEraser>(sp => new BlobQuarantineEraser(new BlobContainerWriter(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<IOptions<DeadLetterStorageOptions>>().Value.QuarantineContainer)),
            sp.GetRequiredService<DeadLetterCipher>()));
        return services;
    }

    private static bool IsContainerName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && char.IsAsciiLetterOrDigit(name[0]) && !name.Contains("--", StringComparison.Ordinal);

    internal static BlobServiceClient CreateServiceClient(DeadLetterStorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new BlobServiceClient(options.ConnectionString);
        }

        TokenCredential credential = string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
        return new BlobServiceClient(options.BlobServiceUri, credential);
    }
}
