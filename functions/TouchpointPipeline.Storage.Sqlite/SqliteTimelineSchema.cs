using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// The embedded database's schema (timeline, identity links, alerts, detector state, pending absence checks and erasure tombstones) as an ordered list of migrations; <c>PRAGMA user_version</c> records how many have been applied,
/// so a later version appends a migration instead of editing one.
/// </summary>
internal static class SqliteTimelineSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS timeline (
            customer_key TEXT NOT NULL,
            id TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            type TEXT NOT NULL,
            channel TEXT NOT NULL,
            source TEXT NOT NULL,
            time TEXT NOT NULL,
            received_at TEXT NOT NULL,
            customer_id TEXT,
            anonymous_id TEXT,
            session_id TEXT,
            data TEXT NOT NULL,
            position_hub TEXT,
            position_partition_id TEXT,
            position_offset TEXT,
            position_sequence_number INTEGER,
            position_enqueued_time TEXT,
            position_partition_key TEXT,
            device_time TEXT,
            enrichment TEXT,
            PRIMARY KEY (customer_key, id)
        ) STRICT;
        CREATE INDEX IF NOT EXISTS ix_timeline_customer_sort_key ON timeline (customer_key, sort_key);
        """,
        """
        CREATE TABLE IF NOT EXISTS identity_links (
            anonymous_id TEXT NOT NULL PRIMARY KEY,
            customer_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            source TEXT NOT NULL,
            linked_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX IF NOT EXISTS ix_identity_links_customer ON identity_links (customer_id, linked_at);
        CREATE TABLE IF NOT EXISTS identity_rejections (
            anonymous_id TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            source TEXT NOT NULL,
            attempted_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            existing_customer_id TEXT,
            PRIMARY KEY (anonymous_id, customer_id, event_id)
        ) STRICT;
        CREATE INDEX IF NOT EXISTS ix_identity_rejections_customer ON identity_rejections (customer_id);
        """,
        """
        CREATE TABLE IF NOT EXISTS alerts (
            id TEXT NOT NULL PRIMARY KEY,
            customer_key TEXT NOT NULL,
            status TEXT NOT NULL,
            severity TEXT NOT NULL,
            created_at TEXT NOT NULL,
            escalated_at TEXT,
            version INTEGER NOT NULL,
            body TEXT NOT NULL
        ) STRICT;
        CREATE INDEX IF NOT EXISTS ix_alerts_created ON alerts (created_at, id);
        CREATE INDEX IF NOT EXISTS ix_alerts_status_created ON alerts (status, created_at, id);
        CREATE INDEX IF NOT EXISTS ix_alerts_customer_created ON alerts (customer_key, created_at, id);
        CREATE TABLE IF NOT EXISTS detector_state (
            customer_key TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            body TEXT NOT NULL
        ) STRICT;
        CREATE TABLE IF NOT EXISTS pending_checks (
            id TEXT NOT NULL PRIMARY KEY,
            customer_key TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            trigger_event_id TEXT NOT NULL,
            deadline TEXT NOT NULL
        ) STRICT;
        CREATE INDEX IF NOT EXISTS ix_pending_checks_deadline ON pending_checks (deadline, id);
        """,
        // The alert outbox: AlertChannels flags not yet delivered. Alerts stored before it count as delivered.
        """
        ALTER TABLE alerts ADD COLUMN undelivered INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX IF NOT EXISTS ix_alerts_undelivered ON alerts (created_at, id) WHERE undelivered <> 0;
        """,
        // Erasure tombstones: a salted hash of each erased customer key (TombstoneKeys), never the id itself.
        """
        CREATE TABLE IF NOT EXISTS erasure_tombstones (
            id TEXT NOT NULL PRIMARY KEY,
            erased_at TEXT NOT NULL
        ) STRICT;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>
    /// Switches the database to WAL and applies the missing migrations in one immediate transaction, so processes
    /// starting together apply each migration once. Returns the version found before migrating.
    /// </summary>
    public static int Migrate(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode = WAL;");

        using var transaction = connection.BeginTransaction(deferred: false);
        var found = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (found > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The timeline database has schema version {found}; this build knows versions up to {CurrentVersion}.");
        }

        for (var version = found + 1; version <= CurrentVersion; version++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"{Migrations[version - 1]}\nPRAGMA user_version = {version};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return found;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
