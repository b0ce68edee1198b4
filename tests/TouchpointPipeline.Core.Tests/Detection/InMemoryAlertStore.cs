using System.Globalization;
using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Core.Tests.Detection;

/// <summary>An in-memory alert store with create-if-absent and versioned replace, as the adapters behave.</summary>
internal sealed class InMemoryAlertStore : IAlertStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (Alert Alert, long Version)> _alerts = new(StringComparer.Ordinal);

    public IReadOnlyList<Alert> All
    {
        get
        {
            lock (_lock)
            {
                return _alerts.Values.Select(a => a.Alert).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
            }
        }
    }

    public Task<bool> CreateAsync(Alert alert, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_alerts.TryAdd(alert.Id, (alert with { ETag = null }, 1)));
        }
    }

    public Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_alerts.TryGetValue(id, out var a) ? a.Alert with { ETag = a.Version.ToString(CultureInfo.InvariantCulture) } : null);
        }
    }

    public Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Listing is covered by the storage contract suite.");

    /// <summary>Runs once, at the start of the next replace: a concurrent change landing between a read and its write.</summary>
    public Func<Task>? BeforeNextReplace { get; set; }

    public async Task<bool> TryReplaceAsync(Alert alert, string etag, CancellationToken cancellationToken)
    {
        if (BeforeNextReplace is { } concurrent)
        {
            BeforeNextReplace = null;
            await concurrent();
        }

        lock (_lock)
        {
            if (!_alerts.TryGetValue(alert.Id, out var current) || current.Version.ToString(CultureInfo.InvariantCulture) != etag)
            {
                return false;
            }

            _alerts[alert.Id] = (alert with { ETag = null }, current.Version + 1);
            return true;
        }
    }

    public Task<IReadOnlyList<Alert>> GetEscalationCandidatesAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Alert>>(_alerts.Values
                .Where(a => a.Alert.Status == AlertStatus.Open && a.Alert.EscalatedAt is null && a.Alert.CreatedAt <= createdBefore)
                .OrderBy(a => a.Alert.CreatedAt).Take(limit)
                .Select(a => a.Alert with { ETag = a.Version.ToString(CultureInfo.InvariantCulture) }).ToList());
        }
    }

    public Task<IReadOnlyList<Alert>> GetUndeliveredAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Alert>>(_alerts.Values
                .Where(a => a.Alert.Undelivered != AlertChannels.None && a.Alert.CreatedAt <= createdBefore)
                .OrderBy(a => a.Alert.CreatedAt).ThenBy(a => a.Alert.Id, StringComparer.Ordinal).Take(limit)
                .Select(a => a.Alert with { ETag = a.Version.ToString(CultureInfo.InvariantCulture) }).ToList());
        }
    }

    public Task<bool> MarkDeliveredAsync(Alert delivered, AlertChannels channels, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_alerts.TryGetValue(delivered.Id, out var current) || current.Alert.EscalatedAt != delivered.EscalatedAt
                || (current.Alert.Undelivered & channels) == AlertChannels.None)
            {
                return Task.FromResult(false);
            }

            _alerts[delivered.Id] = (current.Alert with { Undelivered = current.Alert.Undelivered & ~channels }, current.Version + 1);
            return Task.FromResult(true);
        }
    }
}
