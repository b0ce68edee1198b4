using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Storage.DeadLetters.Retention;

/// <summary>
/// Retention of the local dead-letter folders (Blob Storage uses lifecycle rules instead): deletes quarantine files
/// older than <see cref="RetentionOptions.QuarantineDays"/> and parked batches older than
/// <see cref="RetentionOptions.ParkedDays"/>, by the file's last write time.
/// </summary>
internal sealed class FolderDeadLetterPurge(IOptions<DeadLetterStorageOptions> options) : IRetentionPurge
{
    public Task<int> PurgeAsync(RetentionOptions retention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        var deleted = Purge(Path.Combine(options.Value.DataPath, "quarantine"), now - TimeSpan.FromDays(retention.QuarantineDays), cancellationToken)
            + Purge(Path.Combine(options.Value.DataPath, "parked"), now - TimeSpan.FromDays(retention.ParkedDays), cancellationToken);
        return Task.FromResult(deleted);
    }

    private static int Purge(string root, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (File.GetLastWriteTimeUtc(file) < cutoff.UtcDateTime)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }
}
