using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace TouchpointPipeline.Functions.Triggers.Ingest;

/// <summary>
/// Reads a trigger invocation body as a stream up to an explicit limit. The host sends it chunked without
/// <c>Content-Length</c> (docs/host-protocol.md §2.1); when a length is given, one above the limit is refused before
/// anything is read and the buffer never grows from the header alone, so a bogus length allocates nothing.
/// </summary>
internal static class InvocationBody
{
    /// <summary>
    /// Event Hubs' largest batch is 100 events of up to 1 MB; inside <c>Data.events</c> each body is a JSON string in a
    /// JSON string, so quotes and backslashes grow by escaping. 256 MB leaves room for that; Kestrel's own 30 MB default
    /// would refuse a legal batch before the handler could park it.
    /// </summary>
    public const int MaxBytes = 256 * 1024 * 1024;

    private const int InitialBuffer = 1024 * 1024;

    /// <summary>The body, or null when it is (or turns out to be) larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // This endpoint's own limit, in place of the server-wide one kept tight for the public APIs.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 64 * 1024, 1, InitialBuffer));
        while (true)
        {
            int read;
            try
            {
                read = await request.Body.ReadAsync(body.GetMemory(64 * 1024), cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return null;
            }

            if (read == 0)
            {
                return body.WrittenMemory;
            }

            body.Advance(read);
            if (body.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }
}
