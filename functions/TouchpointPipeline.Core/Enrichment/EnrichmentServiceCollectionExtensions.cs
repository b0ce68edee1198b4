using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Enrichment;

public static class EnrichmentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the enrichment building blocks as singletons (all are immutable and thread-safe): the PII redactor,
    /// the PII hasher with <see cref="PiiOptions"/> bound from <c>Enrichment:Pii</c> and validated at start (a missing
    /// salt fails start-up, not the first event), and the embedded <see cref="CombinedSentimentScorer"/> (lexicon + trained classifier) as
    /// <see cref="ISentimentScorer"/>. Everything is TryAdd, so a host can register another scorer (Azure AI Language)
    /// before or after this call. The user-agent parser is static and needs no registration.
    /// </summary>
    public static IServiceCollection AddEnrichment(this IServiceCollection services)
    {
        services.AddOptions<PiiOptions>()
            .BindConfiguration(PiiOptions.SectionName)
            .Validate(o => !o.HashingEnabled || !PiiHasher.IsUnresolvedKeyVaultReference(o.Salt), PiiHasher.UnresolvedReferenceMessage)
            .Validate(o => !o.HashingEnabled || PiiHasher.HasUsableSalt(o), PiiHasher.MissingSaltMessage)
            .ValidateOnStart();
        services.TryAddSingleton<PiiRedactor>();
        services.TryAddSingleton<PiiHasher>();
        services.TryAddSingleton<ISentimentScorer, CombinedSentimentScorer>();
        return services;
    }
}
