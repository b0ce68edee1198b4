using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Parking;
using TouchpointPipeline.Core.Quarantine;
using TouchpointPipeline.Storage.Blobs.Parking;
using TouchpointPipeline.Storage.Blobs.Quarantine;

namespace TouchpointPipeline.Storage.Blobs;

public static class QuarantineStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the quarantine and parked-batch stores: Azure Blob Storage when <c>QuarantineStorage</c> is a
    /// connection string or has a <c>blobServiceUri</c> (managed identity), else folders under <c>Storage:DataPath</c>.
    /// </summary>
    public static IServiceCollection AddQuarantineStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(QuarantineStorageOptions.SectionName);
        services.AddOptions<QuarantineStorageOptions>()
            .Configure(o =>
            {
                // The same key is either a plain value (connection string) or a section (identity-based), as in Functions.
                o.ConnectionString = section.Value;
                section.Bind(o);
                o.DataPath = configuration["Storage:DataPath"] is { Length: > 0 } path ? path : o.DataPath;
            })
            .Validate(o => o.BlobServiceUri is null || (o.BlobServiceUri.IsAbsoluteUri && o.BlobServiceUri.Scheme is "https" or "http"),
                "QuarantineStorage:blobServiceUri must be an absolute http(s) URI such as https://<account>.blob.core.windows.net.")
            .Validate(o => IsContainerName(o.QuarantineContainer) && IsContainerName(o.ParkedContainer),
                "QuarantineStorage container names must be valid blob container names (3-63 lower-case letters, digits and dashes).")
            .ValidateOnStart();

        var usesBlobs = !string.IsNullOrWhiteSpace(section.Value) || !string.IsNullOrWhiteSpace(section["blobServiceUri"]);
        if (!usesBlobs)
        {
            services.AddSingleton<IQuarantineStore, FolderQuarantineStore>();
            services.AddSingleton<IParkedBatchStore, FolderParkedBatchStore>();
            return services;
        }

        services.AddSingleton(sp => CreateServiceClient(sp.GetRequiredService<IOptions<QuarantineStorageOptions>>().Value));
        services.AddSingleton<IQuarantineStore>(sp => new BlobQuarantineStore(new BlobContainerWriter(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<IOptions<QuarantineStorageOptions>>().Value.QuarantineContainer))));
        services.AddSingleton<IParkedBatchStore>(sp => new BlobParkedBatchStore(new BlobContainerWriter(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<IOptions<QuarantineStorageOptions>>().Value.ParkedContainer))));
        return services;
    }

    private static bool IsContainerName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && char.IsAsciiLetterOrDigit(name[0]) && !name.Contains("--", StringComparison.Ordinal);

    internal static BlobServiceClient CreateServiceClient(QuarantineStorageOptions options)
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
