using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Timelines;

/// <summary>
/// Asks for <paramref name="CustomerKey"/>'s newest item on one of <paramref name="Channels"/> whose sort key is
/// strictly below <paramref name="BeforeSortKey"/>. <paramref name="Lookback"/> bounds the search: an adapter may give up
/// after that many newer items on other channels.
/// </summary>
public sealed record LatestItemQuery(string CustomerKey, string BeforeSortKey, IReadOnlySet<Channel> Channels, int Lookback);
