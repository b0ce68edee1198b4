using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Detection.Rules;
using TouchpointPipeline.Core.Enrichment;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Enrichment.Sessions;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the host-agnostic pipeline: schema validator (compiled once from the embedded schemas), event reader,
    /// enrichment (<see cref="EnrichmentServiceCollectionExtensions.AddEnrichment"/>: the PII salt is validated at start),
    /// ingest pipeline and metrics, detection (rules, engine, sweep) and the alert workflow. Stores are registered by
    /// their own <c>Add…Store()</c> extensions.
    /// </summary>
    public static IServiceCollection AddTouchpointPipeline(this IServiceCollection services)
    {
        services.AddOptions<ValidationOptions>()
            .BindConfiguration(ValidationOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.MaxLateness > TimeSpan.Zero && o.MaxFuture >= TimeSpan.Zero,
                "Validation:MaxLateness must be positive and Validation:MaxFuture not negative.")
            .ValidateOnStart();
        services.AddOptions<IdentityOptions>()
            .BindConfiguration(IdentityOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.LinkWindow > TimeSpan.Zero, "Enrichment:Identity:LinkWindow must be positive.")
            .ValidateOnStart();
        services.AddOptions<SessionOptions>()
            .BindConfiguration(SessionOptions.SectionName)
            .Validate(o => o.InactivityTimeout > TimeSpan.Zero && o.MaxLength >= o.InactivityTimeout,
                "Enrichment:Sessions:InactivityTimeout must be positive and MaxLength at least as long.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddEnrichment();
        services.TryAddSingleton<EventEnricher>();
        services.TryAddSingleton<IdentityStitcher>();
        services.TryAddSingleton<SessionAssigner>();
        services.TryAddSingleton<CustomerTimelineReader>();
        services.TryAddSingleton(_ => SchemaValidator.LoadEmbedded());
        services.TryAddSingleton<EventReader>();
        services.TryAddSingleton<PipelineMetrics>();
        services.TryAddSingleton<IngestPipeline>();

        // Privacy: retention of the embedded stores (the adapters register their IRetentionPurge and IErasureStore),
        // tombstones on the ingest path, export and erasure per data subject.
        services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.PurgeInterval > TimeSpan.Zero, "Retention:PurgeInterval must be positive.")
            .Validate(o => o.TombstoneDays >= Math.Max(o.QuarantineDays, o.ParkedDays),
                "Retention:TombstoneDays must be at least Retention:QuarantineDays and Retention:ParkedDays, so a replayed dead letter of an erased person is still dropped.")
            .ValidateOnStart();
        services.TryAddSingleton<TombstoneKeys>();
        services.TryAddSingleton<ErasedSubjects>();
        services.TryAddSingleton<RetentionPurger>();
        services.TryAddSingleton<DataSubjectService>();

        // Detection: the rules are loaded and validated at start (a bad rule file stops the app with the loader's
        // message); the state and alert stores come from the storage adapter's Add…Store().
        services.AddOptions<DetectionOptions>()
            .BindConfiguration(DetectionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DetectionOptions>, DetectionOptionsValidator>());
        services.AddOptions<AlertOptions>()
            .BindConfiguration(AlertOptions.SectionName)
            .Validate(o => o.EscalateAfter > TimeSpan.Zero, "Alerts:EscalateAfter must be positive.")
            .Validate(o => o.RedeliverAfter >= TimeSpan.Zero, "Alerts:RedeliverAfter must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => RuleLoader.LoadFolder(sp.GetRequiredService<IOptions<DetectionOptions>>().Value.ResolvedRulesPath));
        services.TryAddSingleton<DetectionEngine>();
        services.TryAddSingleton<DetectionService>();
        services.TryAddSingleton<SweepService>();
        services.TryAddSingleton<AlertWorkflow>();
        return services;
    }
}
