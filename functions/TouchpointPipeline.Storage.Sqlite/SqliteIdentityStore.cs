using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Identity;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// Identity links in the embedded database. <see cref="LinkAsync"/> decides and writes in one write of the database's
/// single writer (one step of a group commit), so concurrent links of the same anonymous id have exactly one winner; rejections are keyed by
/// (anonymous id, customer id, event id), so a redelivered refusal is recorded once.
/// </summary>
internal sealed class SqliteIdentityStore(IOptions<SqliteStorageOptions> options) : IIdentityStore, IDisposable
{
    private readonly SqliteDatabase _database = SqliteDatabase.Acquire(options.Value.DatabasePath);

    public async Task<LinkResult> LinkAsync(IdentityLink link, IdentityLinkPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(policy);
        return await _database.WriteAsync(scope => Link(scope, link, policy), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(IReadOnlyCollection<string> anonymousIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anonymousIds);
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        if (anonymousIds.Count == 0)
        {
            return resolved;
        }

        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT anonymous_id, customer_id FROM identity_links WHERE anonymous_id IN (SELECT value FROM json_each(@ids))";
        command.Parameters.AddWithValue("@ids", System.Text.Json.JsonSerializer.Serialize(anonymousIds.ToArray(), SqliteJsonContext.Default.StringArray));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            resolved[reader.GetString(0)] = reader.GetString(1);
        }

        return resolved;
    }

    public async Task<IReadOnlyList<IdentityLink>> GetLinksAsync(string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT anonymous_id, customer_id, event_id, source, linked_at FROM identity_links WHERE customer_id = @c ORDER BY linked_at, anonymous_id";
        command.Parameters.AddWithValue("@c", customerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var links = new List<IdentityLink>();
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add(new IdentityLink(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Parse(reader.GetString(4))));
        }

        return links;
    }

    public async Task<IReadOnlyList<IdentityRejection>> GetRejectionsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT anonymous_id, customer_id, event_id, source, attempted_at, outcome, existing_customer_id FROM identity_rejections " +
            "WHERE anonymous_id = @id OR customer_id = @id ORDER BY attempted_at, event_id";
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rejections = new List<IdentityRejection>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rejections.Add(new IdentityRejection(
                new IdentityLink(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Parse(reader.GetString(4))),
                Enum.Parse<LinkOutcome>(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return rejections;
    }

    public void Dispose() => _database.Dispose();

    // Fixed-width UTC "O" strings sort like the instants they name, so the window is a plain string range.
    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static LinkResult Link(SqliteWriteScope scope, IdentityLink link, IdentityLinkPolicy policy)
    {
        var existing = (string?)scope.Scalar("SELECT customer_id FROM identity_links WHERE anonymous_id = @a", ("@a", link.AnonymousId));
        LinkResult result;
        if (existing is not null)
        {
            result = existing == link.CustomerId ? new LinkResult(LinkOutcome.AlreadyLinked) : new LinkResult(LinkOutcome.Conflict, existing);
        }
        else
        {
            var recent = Convert.ToInt32(scope.Scalar(
                "SELECT COUNT(*) FROM identity_links WHERE customer_id = @c AND linked_at > @from AND linked_at <= @to",
                ("@c", link.CustomerId), ("@from", Format(link.LinkedAt - policy.Window)), ("@to", Format(link.LinkedAt))), CultureInfo.InvariantCulture);
            result = recent >= policy.MaxLinksPerCustomer ? new LinkResult(LinkOutcome.TooManyLinks) : new LinkResult(LinkOutcome.Linked);
        }

        if (result.Outcome == LinkOutcome.Linked)
        {
            scope.Execute(
                "INSERT INTO identity_links (anonymous_id, customer_id, event_id, source, linked_at) VALUES (@a, @c, @e, @s, @t)",
                ("@a", link.AnonymousId), ("@c", link.CustomerId), ("@e", link.EventId), ("@s", link.Source), ("@t", Format(link.LinkedAt)));
        }
        else if (result.Outcome is LinkOutcome.Conflict or LinkOutcome.TooManyLinks)
        {
            scope.Execute(
                "INSERT OR IGNORE INTO identity_rejections (anonymous_id, customer_id, event_id, source, attempted_at, outcome, existing_customer_id) " +
                "VALUES (@a, @c, @e, @s, @t, @o, @x)",
                ("@a", link.AnonymousId), ("@c", link.CustomerId), ("@e", link.EventId), ("@s", link.Source),
                ("@t", Format(link.LinkedAt)), ("@o", result.Outcome.ToString()), ("@x", result.ExistingCustomerId));
        }

        return result;
    }
}
