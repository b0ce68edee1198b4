using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// The real function app in-process on its embedded defaults (SQLite + local quarantine folder) in a fresh data
/// folder; <paramref name="configureServices"/> may swap a port for a failing one.
/// </summary>
internal sealed class PipelineAppFactory(Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public string DataPath { get; } = Directory.CreateTempSubdirectory("tp-functions-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:DataPath", DataPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    public async Task<HttpResponseMessage> InvokeAsync(string functionName, string payload)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{functionName}") { Content = content };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1037.1.1");
        return await CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Every item of a customer's timeline through the public API, following <c>next</c> to the end.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadTimelineAsync(string customerKey, int pageSize = 200)
    {
        var client = CreateClient();
        var items = new List<JsonElement>();
        string? before = null;
        do
        {
            var url = $"/api/customers/{Uri.EscapeDataString(customerKey)}/timeline?limit={pageSize}" + (before is null ? string.Empty : $"&before={Uri.EscapeDataString(before)}");
            var page = await client.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            before = page.GetProperty("next").GetString();
        }
        while (before is not null);
        return items;
    }

    /// <summary>Every quarantine record written to the local folder, as parsed JSON Lines.</summary>
    public IReadOnlyList<JsonElement> ReadQuarantine()
    {
        var folder = Path.Combine(DataPath, "quarantine");
        return !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories)
                .SelectMany(File.ReadAllLines)
                .Where(line => line.Length > 0)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone())
                .ToList();
    }

    public IReadOnlyList<string> ParkedFiles()
    {
        var folder = Path.Combine(DataPath, "parked");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories) : [];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; never fail a test over cleanup.
        }
    }
}
