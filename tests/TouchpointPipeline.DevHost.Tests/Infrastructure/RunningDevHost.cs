using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace TouchpointPipeline.DevHost.Tests.Infrastructure;

/// <summary>The dev host running in the test process on a free port, with a client for its URL.</summary>
internal sealed class RunningDevHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataPath;

    private RunningDevHost(WebApplication app, string dataPath)
    {
        _app = app;
        _dataPath = dataPath;
        Client = new HttpClient { BaseAddress = app.Services.GetRequiredService<DevHostAddress>().BaseUrl };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The data folder: the app's SQLite stores live here.</summary>
    public string DataPath => _dataPath;

    /// <summary>The event ids in each customer's timeline (up to 200 each), read through the app's timeline API.</summary>
    public async Task<Dictionary<string, List<string>>> TimelineIdsAsync(IEnumerable<string> customers, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            using var page = JsonDocument.Parse(await Client.GetStringAsync(new Uri($"/api/customers/{customer}/timeline?limit=200", UriKind.Relative), cancellationToken));
            result[customer] = [.. page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
        }

        return result;
    }

    /// <param name="appPath">A function app folder; null: the real app's build output (and the real handler process).</param>
    public static async Task<RunningDevHost> StartAsync(string? appPath, Uri? handlerUrl, TimeProvider? time = null, params string[] extraArgs)
    {
        var dataPath = Directory.CreateTempSubdirectory("devhost-data-").FullName;
        var args = new List<string> { "--port", "0", "--amqp-port", "0", "--data", dataPath };
        if (appPath is not null)
        {
            args.AddRange(["--app", appPath]);
        }

        if (handlerUrl is not null)
        {
            args.AddRange(["--handler-url", handlerUrl.ToString()]);
        }

        args.AddRange(extraArgs);
        var app = DevHostApplication.Build([.. args], services =>
        {
            if (time is not null)
            {
                services.AddSingleton(time);
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningDevHost(app, dataPath);
    }

    public async Task AppendAsync(string hub, params (string? Key, string Body)[] messages)
    {
        using var response = await Client.PostAsJsonAsync(
            $"/_devhost/hubs/{hub}/messages",
            new { messages = messages.Select(m => new { partitionKey = m.Key, body = m.Body }) },
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> StatusAsync()
    {
        var text = await Client.GetStringAsync(new Uri("/_devhost/status", UriKind.Relative), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The status of one function on one partition.</summary>
    public async Task<JsonElement> PartitionAsync(string function, string partition)
    {
        var status = await StatusAsync();
        return status.GetProperty("consumers").EnumerateArray()
            .Single(c => c.GetProperty("function").GetString() == function)
            .GetProperty("partitions").EnumerateArray()
            .Single(p => p.GetProperty("partition").GetString() == partition);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite file may still be closing on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}
