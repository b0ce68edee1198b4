using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Storage.DeadLetters;

namespace TouchpointPipeline.Storage.Tests.DeadLetters;

/// <summary>
/// <c>DeadLetterStorage:EncryptionKey</c> on the local folders: no raw body, partition key or payload on disk, yet a
/// parked batch reads back byte for byte (replay) and erasure still finds and removes a person's quarantined event.
/// </summary>
public sealed class DeadLetterEncryptionTests : IDisposable
{
    private const string Payload = """{"Data":{"events":"[\"{\\\"customerid\\\":\\\"ann@example.com\\\"}\"]"},"Metadata":{}}""";
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tp-deadletters-enc-").FullName;
    private readonly ServiceProvider _services;

    public DeadLetterEncryptionTests() => _services = Build(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stores_WithEncryptionKey_NothingRawOnDiskAndParkedBatchReadsBackExactly()
    {
        await _services.GetRequiredService<IQuarantineStore>().WriteAsync(DeadLetterSamples.Batch(), Ct);
        var parked = _services.GetRequiredService<IParkedBatchStore>();
        await parked.ParkAsync(DeadLetterSamples.Parked(Payload), Ct);

        var onDisk = string.Concat(Directory.GetFiles(_dataPath, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        var name = Assert.Single(await parked.ListAsync(Ct));
        var read = await parked.ReadAsync(name, Ct);

        Assert.DoesNotContain("caf", onDisk, StringComparison.Ordinal);
        Assert.DoesNotContain("cust-1", onDisk, StringComparison.Ordinal);
        Assert.DoesNotContain("ann@example.com", onDisk, StringComparison.Ordinal);
        Assert.Contains("bodyEncrypted", onDisk, StringComparison.Ordinal);
        Assert.Equal(Payload, Encoding.UTF8.GetString(read!.Payload.Span));
    }

    [Fact]
    public async Task FolderEraser_EncryptedQuarantine_FindsDecryptedAndErasesTheMatchingEvent()
    {
        await _services.GetRequiredService<IQuarantineStore>().WriteAsync(DeadLetterSamples.Batch(), Ct);
        var eraser = _services.GetRequiredService<IDeadLetterEraser>();

        var found = await eraser.FindAsync(["cust-1"], Ct);
        var changed = await eraser.EraseAsync(["cust-1"], Ct);
        var after = await eraser.FindAsync(["cust-1"], Ct);

        var record = Assert.Single(found);
        Assert.Contains("café", System.Text.Json.Nodes.JsonNode.Parse(record.Json)!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("cust-1", System.Text.Json.Nodes.JsonNode.Parse(record.Json)!["partitionKey"]!.GetValue<string>());
        Assert.Equal(1, changed);
        Assert.Empty(after);
        Assert.Single(File.ReadAllLines(Assert.Single(Directory.GetFiles(_dataPath, "*.jsonl", SearchOption.AllDirectories))));
    }

    [Fact]
    public void AddDeadLetterStores_KeyNot32Bytes_FailsAtStart()
    {
        using var services = Build(Convert.ToBase64String(new byte[16]));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeadLetterStorageOptions>>().Value);

        Assert.Contains("DeadLetterStorage:EncryptionKey", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_dataPath, recursive: true);
    }

    private ServiceProvider Build(string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = _dataPath,
            ["DeadLetterStorage:EncryptionKey"] = key,
        }).Build();
        return new ServiceCollection().AddDeadLetterStores(configuration).BuildServiceProvider();
    }
}
