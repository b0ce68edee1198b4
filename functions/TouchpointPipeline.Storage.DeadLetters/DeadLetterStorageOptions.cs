namespace TouchpointPipeline.Storage.DeadLetters;

/// <summary>
/// Where quarantined events and parked batches go. Follows the Azure Functions identity-connection convention: the
/// setting <c>DeadLetterStorage</c> is either a connection string (<c>UseDevelopmentStorage=true</c> for Azurite) or a
/// section with <c>blobServiceUri</c> (+ <c>clientId</c> for a user-assigned managed identity). Neither set: the local
/// folders under <c>Storage:DataPath</c>.
/// </summary>
public sealed class DeadLetterStorageOptions
{
    public const string SectionName = "DeadLetterStorage";

    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public string? ClientId { get; set; }

    public string QuarantineContainer { get; set; } = "quarantine";

    public string ParkedContainer { get; set; } = "parked";

    /// <summary>
    /// Base64 of a 32-byte key (<c>openssl rand -base64 32</c>); a Key Vault reference in Azure. When set, quarantined
    /// bodies and partition keys and parked payloads are encrypted at rest (AES-256-GCM, <see cref="DeadLetterCipher"/>).
    /// Keep the key while any record written with it may still be replayed (<c>Retention:ParkedDays</c>).
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>The folder of the local stores, from <c>Storage:DataPath</c>.</summary>
    public string DataPath { get; set; } = ".touchpoint-data";

    public bool UsesBlobStorage => !string.IsNullOrWhiteSpace(ConnectionString) || BlobServiceUri is not null;
}
