using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TouchpointPipeline.Core;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Storage.DeadLetters;
using TouchpointPipeline.Storage.Sqlite;

namespace TouchpointPipeline.Benchmarks;

internal static class IngestProfile
{
    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20000;
        var parallel = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var folder = Path.Combine(Environment.GetEnvironmentVariable("PROFILE_DIR") ?? Path.GetTempPath(), $"ingest-profile-{Guid.NewGuid():N}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = folder,
            ["Enrichment:Pii:Salt"] = "profile-salt-0123456789abcdef",
            ["Detection:RulesPath"] = Path.Combine(AppContext.BaseDirectory, "rules"),
            ["Detection:MaxConcurrency"] = args.Length > 2 ? args[2] : "8",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddMetrics();
        services.AddTouchpointPipeline().AddSqliteStores().AddDeadLetterStores(configuration);
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<IngestPipeline>();

        var now = DateTime.UtcNow;
        var batches = DevHostLoad.Generate("p", events, 2000, now)
            .GroupBy(m => (m.Hub, Partition: (uint)m.PartitionKey.GetHashCode() % 4))
            .SelectMany(g => g.Select((m, i) => (m, i)).GroupBy(x => x.i / 100).Select(b => new IngestBatch("Ingest", g.Key.Hub,
                [.. b.Select(x => new RawEvent(Encoding.UTF8.GetBytes(x.m.Body), new SourcePosition(g.Key.Hub, g.Key.Partition.ToString(CultureInfo.InvariantCulture), x.i.ToString(CultureInfo.InvariantCulture), x.i, now, x.m.PartitionKey)))])))
            .ToList();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (b, ct) => await pipeline.ProcessAsync(b, ct));
        var wall = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{batches.Count} batches, {events} events, {parallel} in parallel: {wall.TotalSeconds:F2} s wall ({events / wall.TotalSeconds:F0} events/s, {wall.TotalMilliseconds / batches.Count:F1} ms/batch), CPU {used.TotalSeconds:F2} s ({used.TotalMicroseconds / events:F0} µs/event)"));
        Directory.Delete(folder, recursive: true);
        return 0;
    }
}
