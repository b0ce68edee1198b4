using Microsoft.Extensions.Options;
using TouchpointPipeline.DevHost;
using TouchpointPipeline.DevHost.Commands;
using TouchpointPipeline.DevHost.FunctionApp;

// Subcommands that talk to a running dev host instead of starting one.
if (DataSubjectCommand.Matches(args))
{
    return await DataSubjectCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

WebApplication app;
try
{
    app = DevHostApplication.Build(args);
}
catch (FunctionAppException ex)
{
    await Console.Error.WriteLineAsync($"devhost: {ex.Message}");
    return 2;
}

try
{
    await app.StartAsync();
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception or FunctionAppException)
{
    // The handler did not start or answer (its own output is logged above), or a function could not be set up.
    await Console.Error.WriteLineAsync($"devhost: {ex.Message}");
    await app.DisposeAsync();
    return 1;
}

foreach (var line in DevHostApplication.Describe(
    app.Services.GetRequiredService<FunctionAppManifest>(), app.Services.GetRequiredService<DevHostAddress>(), app.Services.GetRequiredService<IOptions<DevHostOptions>>().Value))
{
    Console.WriteLine(line);
}

Console.WriteLine($"Dev host listening on {app.Services.GetRequiredService<DevHostAddress>().BaseUrl} (Ctrl+C to stop).");
await app.WaitForShutdownAsync();
return Environment.ExitCode;

/// <summary>Entry point.</summary>
public partial class Program;
