// One-shot bootstrap for the local emulators ONLY (compose service `bootstrap`): creates the Cosmos DB database and
// containers and the quarantine/parked blob containers. In Azure these come from Bicep (infra/app/cosmos.bicep,
// infra/app/storage.bicep), because Entra ID data-plane roles cannot create Cosmos databases or containers.
// Run: dotnet run bootstrap.cs   (settings from environment variables, defaults match local.settings.sample.json)
#:package Microsoft.Azure.Cosmos@3.64.0
#:package Newtonsoft.Json@13.0.4
#:package Azure.Storage.Blobs@12.30.1
#:property InvariantGlobalization=true

using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;

const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
const string DevelopmentStorage =
    "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
    "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
    "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

var cosmosEndpoint = Setting("COSMOS_ENDPOINT", "http://localhost:8081/");
var cosmosKey = Setting("COSMOS_KEY", EmulatorKey);
var databaseName = Setting("COSMOS_DATABASE", "touchpoints");
var timelineTtl = int.Parse(Setting("TIMELINE_TTL_SECONDS", "34128000"), System.Globalization.CultureInfo.InvariantCulture);
var storageConnection = Setting("STORAGE_CONNECTION_STRING", DevelopmentStorage);
var blobContainers = Setting("BLOB_CONTAINERS", "quarantine,parked").Split(',', StringSplitOptions.RemoveEmptyEntries);
var eventHubsHealthUrl = Environment.GetEnvironmentVariable("EVENTHUBS_HEALTH_URL");
var deadline = DateTimeOffset.UtcNow.AddMinutes(int.Parse(Setting("WAIT_MINUTES", "5"), System.Globalization.CultureInfo.InvariantCulture));

// Partition key /customerKey everywhere; each container's default TTL is the app's default retention
// (docs/security-and-privacy.md); items may carry their own ttl (the erasure tombstones).
// The vNext emulator does not apply custom indexing policies at creation, so the default policy is used locally;
// the tuned policies are in infra/app/cosmos.bicep.
var containers = new (string Name, int DefaultTtl)[]
{
    ("timeline", timelineTtl),
    ("alerts", 395 * 86_400),
    ("identities", 395 * 86_400),
    ("state", 30 * 86_400),
};

using var cosmos = new CosmosClient(cosmosEndpoint, cosmosKey, new CosmosClientOptions
{
    ConnectionMode = ConnectionMode.Gateway,
    // The emulator advertises http://localhost:8081; from another container it is reached by its service name.
    LimitToEndpoint = true,
});

var database = await Retry("Cosmos DB database " + databaseName,
    async () => (await cosmos.CreateDatabaseIfNotExistsAsync(databaseName)).Database);
foreach (var (name, ttl) in containers)
{
    await Retry("Cosmos DB container " + name, () => database.CreateContainerIfNotExistsAsync(
        new ContainerProperties(name, "/customerKey") { DefaultTimeToLive = ttl }));
}

var blobService = new BlobServiceClient(storageConnection);
foreach (var name in blobContainers)
{
    await Retry("blob container " + name, () => blobService.GetBlobContainerClient(name.Trim()).CreateIfNotExistsAsync());
}

if (!string.IsNullOrEmpty(eventHubsHealthUrl))
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    await Retry("Event Hubs emulator health", async () =>
    {
        using var response = await http.GetAsync(new Uri(eventHubsHealthUrl));
        return response.EnsureSuccessStatusCode();
    });
}

Console.WriteLine("bootstrap: emulators ready");
return 0;

string Setting(string name, string fallback) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

async Task<T> Retry<T>(string what, Func<Task<T>> action)
{
    while (true)
    {
        try
        {
            var result = await action();
            Console.WriteLine($"bootstrap: {what} ok");
            return result;
        }
        catch (Exception ex) when (DateTimeOffset.UtcNow < deadline)
        {
            Console.WriteLine($"bootstrap: waiting for {what} ({ex.GetType().Name})");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }
}
