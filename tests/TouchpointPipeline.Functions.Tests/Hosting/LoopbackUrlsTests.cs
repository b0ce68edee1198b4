using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using TouchpointPipeline.Functions.Hosting;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Hosting;

/// <summary>
/// Issue 13, finding 7: without FUNCTIONS_CUSTOMHANDLER_PORT (a container with ASPNETCORE_HTTP_PORTS) the handler
/// listened on every interface, exposing the trigger endpoints and APIs without the host's key check.
/// </summary>
public sealed class LoopbackUrlsTests
{
    public static TheoryData<string, string?, string?, string?, string[]?> Cases => new()
    {
        { "nothing set: Kestrel's localhost default", null, null, null, null },
        { "container port", null, "8080", null, ["http://127.0.0.1:8080"] },
        { "http and https ports", null, "8080;8081", "8443", ["http://127.0.0.1:8080", "http://127.0.0.1:8081", "https://127.0.0.1:8443"] },
        { "wildcard URLs", "http://+:80;http://*:81;http://0.0.0.0:82;http://[::]:83", null, null, ["http://127.0.0.1:80", "http://127.0.0.1:81", "http://127.0.0.1:82", "http://127.0.0.1:83"] },
        { "URLs win over ports", "http://localhost:5000", "8080", null, ["http://localhost:5000"] },
        { "loopback addresses kept", "http://127.0.0.1:7000;http://[::1]:7001", null, null, ["http://127.0.0.1:7000", "http://[::1]:7001"] },
        { "explicitly all interfaces", "http://+:80", "8080", "true", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_UrlSettings_ListensOnLoopbackUnlessAllowed(string scenario, string? urls, string? httpPorts, string? allInterfaces, string[]? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = urls,
            ["http_ports"] = httpPorts,
            ["https_ports"] = scenario == "http and https ports" ? "8443" : null,
            [LoopbackUrls.ListenOnAllInterfacesSetting] = allInterfaces,
        }).Build();

        var resolved = LoopbackUrls.Resolve(configuration);

        Assert.Equal(expected, resolved);
    }

    [Fact]
    public void Resolve_UrlWithAnotherAddress_RefusedNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://10.1.2.3:8080" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => LoopbackUrls.Resolve(configuration));

        Assert.Contains("Hosting__ListenOnAllInterfaces=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_ContainerPortWithoutTheHostsPort_ListensOnLoopbackOnly()
    {
        await using var handler = await HandlerProcess.StartAsync(portVariable: "ASPNETCORE_HTTP_PORTS");

        using var root = await handler.Http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        await handler.WaitForOutputAsync(output => output.Contains("Now listening on", StringComparison.Ordinal));
        Assert.Contains($"Now listening on: http://127.0.0.1:{handler.Port}", handler.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[::]", handler.Output, StringComparison.Ordinal);
        foreach (var address in NonLoopbackAddresses())
        {
            using var client = new TcpClient(address.AddressFamily);
            await Assert.ThrowsAsync<SocketException>(async () => await client.ConnectAsync(address, handler.Port, TestContext.Current.CancellationToken));
        }
    }

    private static IEnumerable<IPAddress> NonLoopbackAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
