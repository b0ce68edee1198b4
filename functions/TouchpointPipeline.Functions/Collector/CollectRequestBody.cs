using System.Buffers;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>Reads the request body up to a byte limit: refused early by Content-Length, and enforced while reading.</summary>
internal static class CollectRequestBody
{
    /// <summary>The body, or null when it is (or turns out to be) larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1, maxBytes));
        while (true)
        {
            var memory = body.GetMemory(8 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
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
