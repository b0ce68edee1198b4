namespace TouchpointPipeline.Storage.DeadLetters;

/// <summary>
/// Write-once files: a temp file then an atomic move, so a reader never sees half a record and a rewrite is a no-op.
/// A replay's replacement uses the same temp-then-move, with overwrite.
/// </summary>
internal static class LocalFolderFiles
{
    public static async Task WriteOnceAsync(string root, string relativeName, byte[] content, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(root, relativeName));
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, content, cancellationToken);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // A concurrent redelivery wrote the same batch first: same name, same content.
            File.Delete(temp);
        }
    }

    public static async Task ReplaceAsync(string root, string relativeName, byte[] content, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(root, relativeName));
        if (content.Length == 0)
        {
            File.Delete(path);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, content, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }
}
