using System.Net;
using System.Net.Sockets;

namespace TouchpointPipeline.TestTools;

/// <summary>A loopback TCP port no one listens on now, for a server a test starts.</summary>
public static class FreePort
{
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
