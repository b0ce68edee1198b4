using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// Wraps the app's real alert store and fails chosen calls after (or instead of) doing them, as a store whose
/// connection drops would: <see cref="FailAfterCreates"/> stores the alert and then throws, <see cref="FailEscalationReads"/>
/// and <see cref="FailOutboxReads"/> throw on the sweep's later reads, i.e. after it saved what it raised.
/// </summary>
internal sealed class FaultyAlertStore(IAlertStore inner) : IAlertStore
{
    private int _hubMarks;

    public int FailAfterCreates { get; set; }
    public int FailEscalationReads { get; set; }
    public int FailOutboxReads { get; set; }
    public int Faults { get; private set; }

    /// <summary>Hub marks cleared so far (they happen after the answer was sent, so tests wait for them).</summary>
    public int HubMarks => Volatile.Read(ref _hubMarks);

    /// <summary>Replaces the app's <see cref="IAlertStore"/> registration with this wrapper around it.</summary>
    public static void Install(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IAlertStore));
        services.Remove(original);
        services.AddSingleton(sp => new FaultyAlertStore(original.ImplementationFactory is { } factory
            ? (IAlertStore)factory(sp)
            : (IAlertStore)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<FaultyAlertStore>());
    }

    public async Task<bool> CreateAsync(Alert alert, CancellationToken cancellationToken)
    {
        var created = await inner.CreateAsync(alert, cancellationToken);
        Fail(() => FailAfterCreates--, FailAfterCreates, "alert stored, then the connection dropped (test)");
        return created;
    }

    public Task<Alert?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);

    public Task<bool> TryReplaceAsync(Alert alert, string etag, CancellationToken cancellationToken) => inner.TryReplaceAsync(alert, etag, cancellationToken);

    public Task<IReadOnlyList<Alert>> GetEscalationCandidatesAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        Fail(() => FailEscalationReads--, FailEscalationReads, "alert store unreachable during escalation (test)");
        return inner.GetEscalationCandidatesAsync(createdBefore, limit, cancellationToken);
    }

    public Task<IReadOnlyList<Alert>> GetUndeliveredAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        Fail(() => FailOutboxReads--, FailOutboxReads, "alert store unreachable during the outbox read (test)");
        return inner.GetUndeliveredAsync(createdBefore, limit, cancellationToken);
    }

    public async Task<bool> MarkDeliveredAsync(Alert delivered, AlertChannels channels, CancellationToken cancellationToken)
    {
        var marked = await inner.MarkDeliveredAsync(delivered, channels, cancellationToken);
        if (channels.HasFlag(AlertChannels.Hub))
        {
            Interlocked.Increment(ref _hubMarks);
        }

        return marked;
    }

    private void Fail(Func<int> decrement, int remaining, string message)
    {
        if (remaining > 0)
        {
            decrement();
            Faults++;
            throw new HttpRequestException(message);
        }
    }
}
