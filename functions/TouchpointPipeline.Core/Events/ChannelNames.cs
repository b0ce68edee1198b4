using System.Diagnostics.CodeAnalysis;

namespace TouchpointPipeline.Core.Events;

/// <summary>Maps <see cref="Channel"/> to and from its wire name without allocating.</summary>
public static class ChannelNames
{
    public const string Web = "web";
    public const string App = "app";
    public const string Call = "call";
    public const string Chat = "chat";

    public static string ToWire(this Channel channel) => channel switch
    {
        Channel.Web => Web,
        Channel.App => App,
        Channel.Call => Call,
        Channel.Chat => Chat,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    public static bool TryParse(string? value, [NotNullWhen(true)] out Channel? channel)
    {
        channel = value switch
        {
            Web => Channel.Web,
            App => Channel.App,
            Call => Channel.Call,
            Chat => Channel.Chat,
            _ => null,
        };
        return channel is not null;
    }
}
