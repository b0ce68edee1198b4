using System.Globalization;

namespace TouchpointPipeline.TestTools;

/// <summary>
/// Azurite's blob service from <c>tests/node_modules/.bin/azurite-blob</c> on 127.0.0.1, and the connection string for
/// it: the one command line the storage fixtures and the fault drill start it with.
/// </summary>
public static class AzuriteBlobServer
{
    // The documented, public development-storage account key (the same for every Azurite install): not a secret.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Starts the blob service on <paramref name="port"/> with its data in <paramref name="location"/>.</summary>
    public static Task<NodeServerProcess> StartAsync(string location, int port, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var executable = RepositoryRoot.NpmToolPath("Azurite", ".bin", "azurite-blob");
        return NodeServerProcess.StartAsync(
            "Azurite",
            executable,
            ["--skipApiVersionCheck", "--silent", "--loose", "--location", location, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture)],
            port,
            startTimeout,
            cancellationToken);
    }

    public static string ConnectionString(int port) => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");
}
