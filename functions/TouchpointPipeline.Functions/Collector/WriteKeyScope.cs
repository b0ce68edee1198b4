using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// The channels and event types a write key may send: the key's own lists, else its kind's defaults (a browser key:
/// web/app and <see cref="BrowserEventTypes"/>; a server key: anything). <c>*</c> allows any.
/// </summary>
internal sealed class WriteKeyScope
{
    public const string Any = "*";

    /// <summary>Web and app clickstream events and <c>customer.identified</c>: what a page or an app may say about its visitor.</summary>
    public static IReadOnlyList<string> BrowserEventTypes { get; } =
    [
        EventTypes.PageViewed, EventTypes.ElementClicked, EventTypes.FormError, EventTypes.ClientError,
        EventTypes.SearchPerformed, EventTypes.CheckoutStep, EventTypes.PaymentFailed, EventTypes.OrderCompleted,
        EventTypes.CustomerIdentified,
    ];

    public static IReadOnlyList<string> BrowserChannels { get; } = [ChannelNames.Web, ChannelNames.App];

    private readonly HashSet<Channel>? _channels;
    private readonly HashSet<string>? _types;

    public WriteKeyScope(WriteKeyKind kind, IReadOnlyCollection<string> channels, IReadOnlyCollection<string> eventTypes)
    {
        var channelNames = channels.Count > 0 ? channels : kind == WriteKeyKind.Browser ? BrowserChannels : [Any];
        var typeNames = eventTypes.Count > 0 ? eventTypes : kind == WriteKeyKind.Browser ? BrowserEventTypes : [Any];
        _channels = channelNames.Contains(Any, StringComparer.Ordinal)
            ? null
            : [.. channelNames.Select(c => ChannelNames.TryParse(c, out var channel) ? channel.Value : throw new ArgumentException($"Unknown channel '{c}'.", nameof(channels)))];
        _types = typeNames.Contains(Any, StringComparer.Ordinal) ? null : new HashSet<string>(typeNames, StringComparer.Ordinal);
    }

    public bool AllowsChannel(Channel channel) => _channels is null || _channels.Contains(channel);

    public bool AllowsType(string type) => _types is null || _types.Contains(type);
}
