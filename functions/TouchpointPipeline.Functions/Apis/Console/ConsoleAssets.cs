using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace TouchpointPipeline.Functions.Apis.Console;

/// <summary>
/// The support console's static files (<c>Apis/Console/wwwroot</c>), embedded in the app's assembly so the page ships
/// with the function app and needs no build step, no storage account and no CDN. Loaded once; lookups are by file name.
/// </summary>
internal static class ConsoleAssets
{
    public const string IndexName = "index.html";

    private const string ResourcePrefix = "SupportConsole/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, ConsoleAsset>> All = new(Load);

    public static IReadOnlyCollection<string> Names => All.Value.Keys;

    public static ConsoleAsset? Find(string name) => All.Value.GetValueOrDefault(name);

    private static FrozenDictionary<string, ConsoleAsset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                throw new InvalidOperationException($"The console file {name} has no known content type; add its extension to {nameof(ConsoleAssets)}.");
            }

            var content = Read(assembly, resource);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content)[..12]) + "\"";
            assets[name] = new ConsoleAsset(name, contentType, content, etag);
        }

        if (!assets.ContainsKey(IndexName))
        {
            throw new InvalidOperationException($"The support console's {IndexName} is not embedded in {assembly.GetName().Name}.");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} could not be opened.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
