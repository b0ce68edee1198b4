using System.Globalization;
using System.Text;
using System.Text.Json;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Storage.DeadLetters;

/// <summary>Reads back what <see cref="DeadLetterRecords.Quarantine"/> wrote, for replay; and maps names to and from storage paths.</summary>
internal static class QuarantineRecords
{
    public const string Extension = ".jsonl";

    /// <summary>The name a replay uses: the stored path without its extension.</summary>
    public static string NameOf(string storedPath) => storedPath.EndsWith(Extension, StringComparison.Ordinal) ? storedPath[..^Extension.Length] : storedPath;

    /// <summary>The stored path of a name (<c>{hub}/{yyyy}/{MM}/{dd}/{batchId}</c>), or null when the name could point outside the store.</summary>
    public static string? PathOf(string name)
    {
        var parts = name.Split('/');
        return parts.Length == 5 && parts.All(p => p.Length > 0 && p is not "." and not ".." && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            ? name + Extension
            : null;
    }

    /// <summary>
    /// The batch a record holds. Records written before <c>batchTime</c>/<c>batchHub</c> were recorded take the date
    /// from the name and the hub from the first event. Encrypted bodies and partition keys are opened with
    /// <paramref name="cipher"/>.
    /// </summary>
    public static QuarantineBatch Read(string name, ReadOnlySpan<byte> record, DeadLetterCipher cipher)
    {
        var events = new List<QuarantinedEvent>();
        string? batchId = null, functionName = null, hub = null;
        DateTimeOffset? batchTime = null;
        foreach (var line in Encoding.UTF8.GetString(record).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            batchId ??= root.GetProperty("batchId"u8).GetString();
            functionName ??= root.GetProperty("functionName"u8).GetString();
            hub ??= root.TryGetProperty("batchHub"u8, out var h) ? h.GetString() : root.GetProperty("hub"u8).GetString();
            batchTime ??= root.TryGetProperty("batchTime"u8, out var t) ? t.GetDateTimeOffset() : null;
            events.Add(ReadEvent(root, cipher));
        }

        return new QuarantineBatch(batchId ?? name.Split('/')[^1], functionName ?? string.Empty, hub ?? name.Split('/')[0], batchTime ?? DateOf(name), events);
    }

    private static QuarantinedEvent ReadEvent(JsonElement root, DeadLetterCipher cipher)
    {
        var errors = root.GetProperty("errors"u8).EnumerateArray()
            .Select(e => new ValidationError(e.GetProperty("field"u8).GetString()!, e.GetProperty("rule"u8).GetString()!, e.GetProperty("message"u8).GetString()!))
            .ToList();
        ReadOnlyMemory<byte> body = root.TryGetProperty("bodyEncrypted"u8, out var sealedBody)
            ? cipher.Open(sealedBody.GetString()!)
            : root.TryGetProperty("bodyBase64"u8, out var base64)
                ? base64.GetBytesFromBase64()
                : Encoding.UTF8.GetBytes(root.GetProperty("body"u8).GetString()!);
        var partitionKey = root.TryGetProperty("partitionKeyEncrypted"u8, out var sealedKey)
            ? sealedKey.GetString() is { } sealedText ? Encoding.UTF8.GetString(cipher.Open(sealedText)) : null
            : root.GetProperty("partitionKey"u8).GetString();
        var position = new SourcePosition(
            root.GetProperty("hub"u8).GetString()!,
            root.GetProperty("partitionId"u8).GetString(),
            root.GetProperty("offset"u8).GetString(),
            root.GetProperty("sequenceNumber"u8) is { ValueKind: JsonValueKind.Number } seq ? seq.GetInt64() : null,
            root.GetProperty("enqueuedTime"u8) is { ValueKind: JsonValueKind.String } enqueued ? enqueued.GetDateTimeOffset() : null,
            partitionKey);
        return new QuarantinedEvent(root.GetProperty("reason"u8).GetString()!, errors, body, position, root.GetProperty("eventId"u8).GetString());
    }

    private static DateTimeOffset DateOf(string name)
    {
        var parts = name.Split('/');
        return parts.Length == 5 && DateTimeOffset.TryParseExact($"{parts[1]}-{parts[2]}-{parts[3]}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : DateTimeOffset.UnixEpoch;
    }
}
