using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.FunctionApp;

namespace TouchpointPipeline.DevHost.Amqp;

/// <summary>
/// The hubs the AMQP listener serves: those the function app's <c>eventHubTrigger</c> and <c>eventHub</c> output
/// bindings name, and any hub already in the embedded log (appended through the HTTP control API). Any other name is
/// "not found", as a hub that was never created in a namespace.
/// </summary>
internal sealed class KnownHubs(FunctionAppManifest app, EmbeddedLog log)
{
    private readonly HashSet<string> _declared = new(
        app.Functions.SelectMany(f => f.Bindings)
            .Where(b => b.IsType("eventHubTrigger") || b.IsType("eventHub"))
            .Select(b => b.GetString("eventHubName") ?? b.GetString("path"))
            .OfType<string>(),
        StringComparer.OrdinalIgnoreCase);

    public bool TryGet(string name, out HubLog hub)
    {
        if (log.TryGetHub(name, out hub))
        {
            return true;
        }

        if (_declared.Contains(name))
        {
            hub = log.Hub(name);
            return true;
        }

        return false;
    }
}
