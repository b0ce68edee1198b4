using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Storage.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite <see cref="ITimelineStore"/>, <see cref="IIdentityStore"/>, <see cref="IAlertStore"/> and
    /// <see cref="IDetectorStateStore"/>, <see cref="IErasureStore"/> and the
    /// <see cref="IRetentionPurge"/> of the database (the embedded default), bound to the <c>Storage</c> section and validated at
    /// start. The database folder and schema are created on first use. When no <c>Enrichment:Pii:Salt</c> is
    /// configured, the PII salt is kept beside the database (<see cref="SqliteLocalPiiSalt"/>).
    /// </summary>
    public static IServiceCollection AddSqliteStores(
        this IServiceCollection services,
        Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<SqliteStorageOptions>()
            .BindConfiguration(SqliteStorageOptions.SectionName)
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.DataPath) && o.DataPath.IndexOfAny(Path.GetInvalidPathChars()) < 0,
                $"{SqliteStorageOptions.SectionName}:{nameof(SqliteStorageOptions.DataPath)} must name a folder.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IPostConfigureOptions<PiiOptions>, SqliteLocalPiiSalt>();
        services.AddSingleton<IIdentityStore, SqliteIdentityStore>();
        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        services.AddSingleton<IDetectorStateStore, SqliteDetectorStateStore>();
        services.AddSingleton<IErasureStore, SqliteErasureStore>();
        services.AddSingleton<IRetentionPurge, SqliteRetentionPurge>();
        services.AddSingleton<ITimelineStore>(sp => new SqliteTimelineStore(
            sp.GetRequiredService<IOptions<SqliteStorageOptions>>(),
            sp.GetService<ILogger<SqliteTimelineStore>>() ?? NullLogger<SqliteTimelineStore>.Instance));
        return services;
    }
}
