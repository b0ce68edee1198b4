namespace TouchpointPipeline.DevHost.Tests.Infrastructure;

/// <summary>A function app folder written by a test: host.json plus one folder per function with its function.json.</summary>
internal sealed class TestFunctionApp : IDisposable
{
    public const string DefaultHostJson = """
        {
          "version": "2.0",
          "customHandler": { "description": { "defaultExecutablePath": "handler" }, "enableForwardingHttpRequest": true },
          "extensions": { "http": { "routePrefix": "api" }, "eventHubs": { "maxEventBatchSize": 10 } }
        }
        """;

    public TestFunctionApp(string hostJson = DefaultHostJson)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("devhost-app-").FullName;
        File.WriteAllText(Path.Combine(Directory, "host.json"), hostJson);
    }

    public string Directory { get; }

    public TestFunctionApp With(string function, string functionJson)
    {
        var folder = Path.Combine(Directory, function);
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "function.json"), functionJson);
        return this;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
