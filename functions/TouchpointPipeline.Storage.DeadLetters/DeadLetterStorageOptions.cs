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
    /// Shortest <see cref="EncryptionKey"/> accepted as a secret to derive the key from (the base64 of a 32-byte key has 44).
    /// </summary>
    public const int MinEncryptionKeyLength = 32;

    /// <summary>
    /// Either the base64 of a 32-byte key (<c>openssl rand -base64 32</c>), used as is, or any other secret of at least
    /// <see cref="MinEncryptionKeyLength"/> characters, from which the key is derived (HKDF-SHA256); in Azure a Key Vault
    /// reference to the <c>dead-letter-key</c> secret. When set, quarantined bodies and partition keys and parked payloads
    /// are encrypted at rest (AES-256-GCM, <see cref="DeadLetterCipher"/>). Changing it makes every record written with
    /// the old value unreadable: keep it while any such record may still be replayed (<c>Retention:ParkedDays</c>).
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>The folder of the local stores, from <c>Storage:DataPath</c>.</summary>
    public string DataPath { get; set; } = ".touchpoint-data";

    public bool UsesBlobStorage => !string.IsNullOrWhiteSpace(ConnectionString) || BlobServiceUri is not null;
}
