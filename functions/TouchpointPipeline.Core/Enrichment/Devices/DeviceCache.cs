using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;

namespace TouchpointPipeline.Core.Enrichment.Devices;

/// <summary>
/// User agent -> its parsed <c>device</c> JSON, and the whole enrichment object of an event that has only a device (most
/// clicks and page views). Real traffic repeats a few hundred user-agent strings, and parsing one costs ~30
/// case-insensitive scans (~2-5 µs, more than the rest of the enrichment), so each is parsed and written once.
/// </summary>
internal sealed class DeviceCache
{
    /// <summary>Distinct user agents remembered before the cache starts over: a few hundred cover most real traffic.</summary>
    internal const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, DeviceJson> _devices = new(StringComparer.Ordinal);

    public DeviceJson Get(string userAgent)
    {
        if (_devices.TryGetValue(userAgent, out var cached))
        {
            return cached;
        }

        var device = Write(UserAgentParser.Parse(userAgent));
        var json = new DeviceJson(device, EnrichmentWriter.Write(device, score: null, default).ToArray());
        if (_devices.Count >= Capacity)
        {
            // Bounded memory without LRU bookkeeping on the hot path: a flood of unique (spoofed) agents only costs
            // the parse each of them would have cost anyway.
            _devices.Clear();
        }

        _devices.TryAdd(userAgent, json);
        return json;
    }

    private static byte[] Write(DeviceInfo device)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", device.Type.ToString().ToLowerInvariant());
            writer.WriteString("os", device.Os);
            writer.WriteString("osVersion", device.OsVersion);
            writer.WriteString("browser", device.Browser);
            writer.WriteString("browserVersion", device.BrowserVersion);
            writer.WriteBoolean("bot", device.IsBot);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
