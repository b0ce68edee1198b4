using Microsoft.Extensions.Logging;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Privacy;

/// <summary>
/// Export and erasure per data subject (GDPR Art. 15 and 17, CCPA know and delete), by customer id or e-mail address
/// as the person knows it: the id is turned into its stored form, and the anonymous ids linked to it through the
/// identity store are included. Erasure writes the tombstones first (so ingest stops storing the person), then deletes
/// from every store and the dead letters; running it again is harmless.
/// </summary>
public sealed class DataSubjectService(
    PiiHasher hasher,
    IIdentityStore identities,
    ITimelineStore timelines,
    IAlertStore alerts,
    IDetectorStateStore states,
    IErasureStore erasure,
    IEnumerable<IDeadLetterEraser> deadLetters,
    TombstoneKeys tombstones,
    ErasedSubjects erased,
    TimeProvider time,
    ILogger<DataSubjectService> logger)
{
    private const int PageSize = 200;
    private readonly IDeadLetterEraser[] _deadLetters = deadLetters.ToArray();

    /// <summary>The person's stored customer id and linked anonymous ids.</summary>
    public async Task<DataSubject> ResolveAsync(string customerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        var stored = hasher.ProtectCustomerId(customerId);
        var links = await identities.GetLinksAsync(stored, cancellationToken);
        return new DataSubject(stored, links.Select(l => l.AnonymousId).Distinct(StringComparer.Ordinal).ToList());
    }

    public async Task<DataSubjectExport> ExportAsync(string customerId, CancellationToken cancellationToken)
    {
        var subject = await ResolveAsync(customerId, cancellationToken);
        var timeline = new List<TimelineItem>();
        var alertList = new List<Alert>();
        var detector = new List<DetectorState>();
        foreach (var key in subject.CustomerKeys)
        {
            string? before = null;
            do
            {
                var page = await timelines.GetPageAsync(key, new TimelineQuery(PageSize, before), cancellationToken);
                timeline.AddRange(page.Items);
                before = page.NextSortKey;
            }
            while (before is not null);

            string? continuation = null;
            do
            {
                var page = await alerts.ListAsync(new AlertQuery(CustomerKey: key, Limit: PageSize, Continuation: continuation), cancellationToken);
                alertList.AddRange(page.Items);
                continuation = page.Continuation;
            }
            while (continuation is not null);

            if (await states.GetAsync(key, cancellationToken) is { } state)
            {
                detector.Add(state.State);
            }
        }

        var rejections = new List<IdentityRejection>();
        foreach (var id in subject.AnonymousIds.Prepend(subject.CustomerId))
        {
            rejections.AddRange(await identities.GetRejectionsAsync(id, cancellationToken));
        }

        var records = new List<DeadLetterRecord>();
        foreach (var store in _deadLetters)
        {
            records.AddRange(await store.FindAsync(Identifiers(customerId, subject), cancellationToken));
        }

        return new DataSubjectExport(
            subject,
            time.GetUtcNow(),
            timeline,
            await identities.GetLinksAsync(subject.CustomerId, cancellationToken),
            rejections.Distinct().ToList(),
            alertList,
            detector,
            records);
    }

    public async Task<ErasureReport> EraseAsync(string customerId, CancellationToken cancellationToken)
    {
        var subject = await ResolveAsync(customerId, cancellationToken);
        var now = time.GetUtcNow();
        await erasure.AddTombstonesAsync(subject.CustomerKeys.Select(tombstones.For).ToList(), now, cancellationToken);
        erased.Invalidate();

        var deleted = await erasure.EraseAsync(subject.CustomerKeys, cancellationToken);
        var changed = 0;
        foreach (var store in _deadLetters)
        {
            changed += await store.EraseAsync(Identifiers(customerId, subject), cancellationToken);
        }

        var report = new ErasureReport(subject.CustomerKeys, deleted, changed, now);
        PrivacyLog.Erased(logger, report.Summary);
        return report;
    }

    // Dead letters hold bodies as received: match the id as sent, trimmed and lower-cased, and the stored forms.
    private static List<string> Identifiers(string customerId, DataSubject subject) =>
        new[] { customerId, customerId.Trim(), customerId.Trim().ToLowerInvariant(), subject.CustomerId }
            .Concat(subject.AnonymousIds)
            .Where(i => i.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
