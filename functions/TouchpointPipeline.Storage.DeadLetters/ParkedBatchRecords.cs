using System.Text;
using System.Text.Json;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.DeadLetters;

/// <summary>Reads back what <see cref="DeadLetterRecords.Parked"/> wrote, for replay; and maps names to and from storage paths.</summary>
internal static class ParkedBatchRecords
{
    public const string Extension = ".json";

    /// <summary>The name a replay uses: the stored path without its extension.</summary>
    public static string NameOf(string storedPath) => storedPath.EndsWith(Extension, StringComparison.Ordinal) ? storedPath[..^Extension.Length] : storedPath;

    /// <summary>The stored path of a name, or null when the name could point outside the store.</summary>
    public static string? PathOf(string name)
    {
        var parts = name.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0 && p is not "." and not ".." && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            ? name + Extension
            : null;
    }

    public static ParkedBatch Read(ReadOnlySpan<byte> record, DeadLetterCipher cipher)
    {
        using var document = JsonDocument.Parse(record.ToArray());
        var root = document.RootElement;
        ReadOnlyMemory<byte> payload = root.TryGetProperty("payloadEncrypted"u8, out var encrypted)
            ? cipher.Open(encrypted.GetString()!)
            : root.TryGetProperty("payloadBase64"u8, out var base64)
            ? base64.GetBytesFromBase64()
            : root.GetProperty("payload"u8) is { ValueKind: JsonValueKind.String } text
                ? Encoding.UTF8.GetBytes(text.GetString()!)
                : Encoding.UTF8.GetBytes(root.GetProperty("payload"u8).GetRawText());
        return new ParkedBatch(
            root.GetProperty("batchId"u8).GetString()!,
            root.GetProperty("functionName"u8).GetString()!,
            root.GetProperty("parkedAt"u8).GetDateTimeOffset(),
            root.GetProperty("attempts"u8).GetInt32(),
            root.GetProperty("failureType"u8).GetString()!,
            root.GetProperty("failureMessage"u8).GetString()!,
            payload);
    }
}
