using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Storage.DeadLetters;

namespace TouchpointPipeline.Storage.Tests.DeadLetters;

/// <summary>The same contract on the embedded default: folders under <c>Storage:DataPath</c>.</summary>
public sealed class FolderDeadLetterStoreTests : DeadLetterStoreContractTests, IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tp-deadletters-").FullName;
    private readonly ServiceProvider _services;

    public FolderDeadLetterStoreTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = _dataPath }).Build();
        _services = new ServiceCollection().AddDeadLetterStores(configuration).BuildServiceProvider();
    }

    protected override IQuarantineStore Quarantine => _services.GetRequiredService<IQuarantineStore>();

    protected override IParkedBatchStore ParkedBatches => _services.GetRequiredService<IParkedBatchStore>();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_dataPath, recursive: true);
    }

    protected override Task<IReadOnlyList<(string Name, byte[] Content)>> ReadQuarantineAsync() => Task.FromResult<IReadOnlyList<(string Name, byte[] Content)>>(Read("quarantine"));

    protected override Task<IReadOnlyList<(string Name, byte[] Content)>> ReadParkedAsync() => Task.FromResult<IReadOnlyList<(string Name, byte[] Content)>>(Read("parked"));

    [Fact]
    public async Task WriteAsync_NoTempFilesLeftBehind()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Quarantine.WriteAsync(DeadLetterSamples.Batch(), TestContext.Current.CancellationToken)));

        Assert.Empty(Directory.GetFiles(_dataPath, "*.tmp", SearchOption.AllDirectories));
    }

    private List<(string Name, byte[] Content)> Read(string folder)
    {
        var root = Path.Combine(_dataPath, folder);
        return !Directory.Exists(root)
            ? []
            : Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes(f)))
                .ToList();
    }
}
