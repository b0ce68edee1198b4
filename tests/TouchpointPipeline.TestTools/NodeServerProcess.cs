using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TouchpointPipeline.TestTools;

/// <summary>
/// A Node server from <c>tests/node_modules</c> (Azurite, @vercel/cosmosdb-server) started for a test run: its output is
/// captured for error messages, <see cref="StartAsync"/> returns once it accepts TCP connections on its loopback port,
/// and stopping kills its whole process tree (npm's <c>.bin</c> shims start node as a child).
/// </summary>
public sealed class NodeServerProcess : IAsyncDisposable
{
    // Bounds the wait for a killed process tree to be reaped, so a stuck stop cannot hang the test run.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string _serverName;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeServerProcess(string serverName, Process process)
    {
        _serverName = serverName;
        _process = process;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the server wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> and waits until 127.0.0.1:<paramref name="port"/>
    /// accepts connections. Throws, naming <paramref name="serverName"/> and its output, when it exits first or does not
    /// listen within <paramref name="startTimeout"/>; the process is stopped then.
    /// </summary>
    public static async Task<NodeServerProcess> StartAsync(
        string serverName, string fileName, IEnumerable<string> arguments, int port, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{serverName} did not start.");
        var server = new NodeServerProcess(serverName, process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitForPortAsync(port, startTimeout, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server's process tree (when still running) and waits for it to exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(StopTimeout, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitForPortAsync(int port, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        // Node starts these servers in 1-2 s on a quiet machine; a 2-core CI box busy building and testing can take far longer.
        var deadline = DateTime.UtcNow + startTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_serverName} exited with code {_process.ExitCode}: {Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new TimeoutException($"{_serverName} did not accept connections on 127.0.0.1:{port} within {startTimeout.TotalSeconds:0} s: {Output}");
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
