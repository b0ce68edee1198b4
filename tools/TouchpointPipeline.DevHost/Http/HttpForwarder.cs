using System.Net.Http.Headers;
using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Invocation;

namespace TouchpointPipeline.DevHost.Http;

/// <summary>
/// Forwards an HTTP-triggered function's request to the handler as the host does with
/// <c>enableForwardingHttpRequest</c> (protocol doc §6.2): same method, the original path (route prefix included) and
/// query, every original header (Host too) plus the host's invocation headers, the body only when
/// <c>Content-Length</c> &gt; 0; the handler's response (any status) is buffered and passed back as it is.
/// </summary>
internal sealed class HttpForwarder(HandlerConnection handler, FunctionAppManifest app, ILogger<HttpForwarder> logger)
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    public async Task ForwardAsync(HttpContext context, FunctionDefinition function)
    {
        if (!app.Host.EnableForwardingHttpRequest || !function.IsHttpInAndOut)
        {
            // Mode A (the request inside a Data/Metadata envelope, §6.1) is not implemented: this app forwards.
            await TypedResults.Problem(
                $"{function.Name} would be invoked with the default payload (§6.1: enableForwardingHttpRequest is off or the function has bindings besides httpTrigger and http); the dev host only forwards HTTP functions.",
                statusCode: StatusCodes.Status501NotImplemented, title: "HTTP function mode not supported by the dev host").ExecuteAsync(context);
            return;
        }

        var baseAddress = await handler.Ready.WaitAsync(context.RequestAborted);
        var invocationId = Guid.NewGuid();
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(baseAddress, context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent()));
        if (context.Request.ContentLength is > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        HostIdentity.AddTo(request, invocationId);
        HttpResponseMessage response;
        try
        {
            response = await handler.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        }
        catch (HttpRequestException ex)
        {
            DevHostLog.ForwardFailed(logger, function.Name, invocationId, ex.Message);
            await TypedResults.Problem($"The handler did not answer: {ex.Message}", statusCode: StatusCodes.Status502BadGateway, title: "Handler unreachable").ExecuteAsync(context);
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            CopyHeaders(response.Headers, context.Response.Headers);
            CopyHeaders(response.Content.Headers, context.Response.Headers);
            var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }

        DevHostLog.Forwarded(logger, function.Name, invocationId, context.Request.Method, context.Request.Path, context.Response.StatusCode);
    }

    private static void CopyHeaders(HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from)
        {
            if (!HopByHop.Contains(name) && !string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                to[name] = values.ToArray();
            }
        }
    }
}
