using TouchpointPipeline.TestTools;

namespace TouchpointPipeline.Storage.Tests.Infrastructure;

/// <summary>
/// A real Azurite blob service for the test run: <c>AZURITE_BLOB_CONNECTION_STRING</c> when set, otherwise
/// <c>tests/node_modules/.bin/azurite-blob</c> (installed by <c>npm ci --prefix tests</c>) started on a free loopback
/// port in a temp folder, and stopped with its whole process tree at the end.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private NodeServerProcess? _server;
    private string? _location;

    public string ConnectionString { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_BLOB_CONNECTION_STRING") is { Length: > 0 } configured)
        {
            ConnectionString = configured;
            return;
        }

        var port = FreePort.OnLoopback();
        _location = Directory.CreateTempSubdirectory("tp-azurite-").FullName;
        _server = await AzuriteBlobServer.StartAsync(_location, port, StartTimeout, CancellationToken.None);
        ConnectionString = AzuriteBlobServer.ConnectionString(port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_location is not null && Directory.Exists(_location))
        {
            Directory.Delete(_location, recursive: true);
        }
    }
}
