using System.Globalization;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// Retention on the embedded database, which has no TTL: one write deletes what <see cref="RetentionOptions"/> no
/// longer allows. Timeline items count from when they were received, links from the link, alerts from creation or
/// escalation, detector state from its newest remembered event (and only without open absence windows), pending
/// checks from their deadline, tombstones from the erasure.
/// </summary>
internal sealed class SqliteRetentionPurge(IOptions<SqliteStorageOptions> options) : IRetentionPurge, IDisposable
{
    private readonly SqliteDatabase _database = SqliteDatabase.Acquire(options.Value.DatabasePath);

    public Task<int> PurgeAsync(RetentionOptions retention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        var timeline = Cutoff(now, retention.TimelineDays);
        var links = Cutoff(now, retention.IdentityLinkDays);
        var alerts = Cutoff(now, retention.AlertDays);
        var state = Cutoff(now, retention.DetectorStateDays);
        var tombstones = Cutoff(now, retention.TombstoneDays);
        return _database.WriteAsync(scope =>
            scope.Execute("DELETE FROM timeline WHERE received_at < @c", ("@c", timeline))
            + scope.Execute("DELETE FROM identity_links WHERE linked_at < @c", ("@c", links))
            + scope.Execute("DELETE FROM identity_rejections WHERE attempted_at < @c", ("@c", links))
            + scope.Execute("DELETE FROM alerts WHERE created_at < @c AND (escalated_at IS NULL OR escalated_at < @c)", ("@c", alerts))
            + scope.Execute(
                """
                DELETE FROM detector_state
                WHERE COALESCE(json_array_length(body, '$.pending'), 0) = 0
                  AND NOT EXISTS (SELECT 1 FROM json_each(body, '$.events') WHERE json_extract(value, '$.time') >= @c)
                """,
                ("@c", state))
            + scope.Execute("DELETE FROM pending_checks WHERE deadline < @c", ("@c", state))
            + scope.Execute("DELETE FROM erasure_tombstones WHERE erased_at < @c", ("@c", tombstones)),
            cancellationToken);
    }

    public void Dispose() => _database.Dispose();

    private static string Cutoff(DateTimeOffset now, int days) =>
        (now - TimeSpan.FromDays(days)).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
