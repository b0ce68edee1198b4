using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Functions.Triggers.Ingest;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>Which hub a channel's events go to (web/app → clickstream, call → calls, chat → chats), by the hub-name settings the ingest triggers read.</summary>
internal sealed class HubRouting(IConfiguration configuration)
{
    private readonly string _clickstream = Resolve(configuration, IngestFunction.All[0]);
    private readonly string _calls = Resolve(configuration, IngestFunction.All[1]);
    private readonly string _chats = Resolve(configuration, IngestFunction.All[2]);

    public string HubFor(Channel channel) => channel switch
    {
        Channel.Web or Channel.App => _clickstream,
        Channel.Call => _calls,
        Channel.Chat => _chats,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    private static string Resolve(IConfiguration configuration, IngestFunction function) =>
        configuration[function.HubSetting] is { Length: > 0 } name ? name : function.DefaultHub;
}
