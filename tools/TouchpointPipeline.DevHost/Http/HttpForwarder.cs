using System.Net.Http.Headers;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Invocation;

namespace TouchpointPipeline.DevHost.Http;

/// <summary>
/// Sends an HTTP-triggered function's request to the handler as the host does (docs/host-protocol.md §6), in the mode host.json
/// selects; like the host, <c>enableProxyingHttpRequest</c> wins over <c>enableForwardingHttpRequest</c>.
/// <list type="bullet">
/// <item>Proxying (the host's YARP forwarder with its default transforms): same method, original path and exact query
/// string; every header except hop-by-hop ones and <c>Host</c> (the handler sees its own address, and the public host
/// in <c>X-Forwarded-Host</c>, with <c>X-Forwarded-For</c> and <c>-Proto</c>); the host's invocation headers; the body
/// streamed whenever there is one (chunked too); the response streamed back as it comes.</item>
/// <item>Forwarding (legacy): the original path and query, every original header (Host too) plus the host's
/// invocation headers and User-Agent product, the body only when <c>Content-Length</c> &gt; 0; the response
/// buffered.</item>
/// </list>
/// Either way the handler's status (any) and headers are passed back as they are.
/// </summary>
internal sealed class HttpForwarder(HandlerConnection handler, FunctionAppManifest app, ILogger<HttpForwarder> logger)
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    // YARP's RequestUtilities._headersToExclude (never copied either way), plus Host and Forwarded, which the
    // default transforms drop (RequestHeaderOriginalHostTransform.SuppressHost; AddXForwarded removes Forwarded).
    private static readonly HashSet<string> NotProxied = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authentication-Info",
        "Proxy-Authorization", "Proxy-Features", "Proxy-Instruction", "Security-Scheme", "ALPN", "Close", "HTTP2-Settings",
        "Upgrade-Insecure-Requests", "TE", "Alt-Svc", "Host", "Forwarded",
    };

    // Set, not appended (ForwardedTransformActions.Set): values a client sent are replaced.
    private static readonly string[] ForwardedHeaders = ["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix"];

    /// <summary>The header the host's proxy service sets to the invocation id (ScriptConstants.HttpProxyCorrelationHeader).</summary>
    public const string ProxyCorrelationHeader = "x-ms-invocation-id";

    public async Task ForwardAsync(HttpContext context, FunctionDefinition function)
    {
        var proxying = app.Host.EnableProxyingHttpRequest;
        if (!(proxying || app.Host.EnableForwardingHttpRequest) || !function.IsHttpInAndOut)
        {
            // Mode A (the request inside a Data/Metadata envelope, §6.1) is not implemented: this app forwards.
            await TypedResults.Problem(
                $"{function.Name} would be invoked with the default payload (§6.1: neither enableProxyingHttpRequest nor enableForwardingHttpRequest is on, or the function has bindings besides httpTrigger and http); the dev host only proxies or forwards HTTP functions.",
                statusCode: StatusCodes.Status501NotImplemented, title: "HTTP function mode not supported by the dev host").ExecuteAsync(context);
            return;
        }

        var baseAddress = await handler.Ready.WaitAsync(context.RequestAborted);
        var invocationId = Guid.NewGuid();
        using var request = proxying ? ProxiedRequest(context, baseAddress, invocationId) : ForwardedRequest(context, baseAddress, invocationId);
        HttpResponseMessage response;
        try
        {
            response = await handler.Client.SendAsync(
                request, proxying ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, context.RequestAborted);
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
            if (proxying)
            {
                await StreamResponseAsync(context, response, function.Name, invocationId);
            }
            else
            {
                CopyHeaders(response.Headers, context.Response.Headers);
                CopyHeaders(response.Content.Headers, context.Response.Headers);
                var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
            }
        }

        DevHostLog.Forwarded(logger, function.Name, invocationId, context.Request.Method, context.Request.Path, context.Response.StatusCode);
    }

    private static HttpRequestMessage ForwardedRequest(HttpContext context, Uri baseAddress, Guid invocationId)
    {
        var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(baseAddress, context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent()));
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
        return request;
    }

    private static HttpRequestMessage ProxiedRequest(HttpContext context, Uri baseAddress, Guid invocationId)
    {
        var incoming = context.Request;
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(baseAddress, incoming.Path.ToUriComponent() + incoming.QueryString.ToUriComponent()));

        // YARP sends a body whenever the request can have one (Content-Length > 0 or chunked), streaming it.
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? incoming.ContentLength is > 0)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (NotProxied.Contains(name) || name.StartsWith(':') || ForwardedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)
                || name.Equals(HostIdentity.VersionHeader, StringComparison.OrdinalIgnoreCase)
                || name.Equals(HostIdentity.InvocationIdHeader, StringComparison.OrdinalIgnoreCase)
                || name.Equals(ProxyCorrelationHeader, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                // A content header on a request without a body (Content-Type on a GET): YARP adds an empty content for it.
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString());
        }

        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        if (incoming.Host.HasValue)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        }

        if (incoming.PathBase.HasValue)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", incoming.PathBase.Value);
        }

        // DefaultHttpWorkerService.AddProxyingHeaders and DefaultHttpProxyService.StartForwarding: set, overriding any
        // sent; unlike forwarding, no User-Agent product is added.
        request.Headers.TryAddWithoutValidation(HostIdentity.VersionHeader, HostIdentity.Version);
        request.Headers.TryAddWithoutValidation(HostIdentity.InvocationIdHeader, invocationId.ToString());
        request.Headers.TryAddWithoutValidation(ProxyCorrelationHeader, invocationId.ToString());
        return request;
    }

    private async Task StreamResponseAsync(HttpContext context, HttpResponseMessage response, string function, Guid invocationId)
    {
        // The handler's status and body as they are: no status-code page for an empty error response.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        CopyProxiedHeaders(response.Headers, context.Response.Headers);
        CopyProxiedHeaders(response.Content.Headers, context.Response.Headers);
        if (response.Headers.TransferEncodingChunked == true)
        {
            context.Response.Headers.ContentLength = null;
        }

        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            await context.Response.StartAsync(context.RequestAborted);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (Exception ex) when ((ex is HttpRequestException or IOException) && !context.RequestAborted.IsCancellationRequested)
        {
            // The handler failed after the status line was sent: as a proxy, cut the client's response short.
            DevHostLog.ForwardFailed(logger, function, invocationId, ex.Message);
            context.Abort();
        }
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

    private static void CopyProxiedHeaders(HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from.NonValidated)
        {
            if (!NotProxied.Contains(name))
            {
                to[name] = values.ToArray();
            }
        }
    }
}
