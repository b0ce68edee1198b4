using System.Threading.RateLimiting;
using Confluent.Kafka;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Collector;

internal static class CollectorServiceCollectionExtensions
{
    public const string DevHostUrlSetting = "DevHost:Url";

    /// <summary>
    /// The Collect function: options (validated at start), write keys, CORS and per-key rate-limit policies, and the
    /// publisher: the dev host's log when <c>DevHost:Url</c> is set, else Event Hubs' Kafka endpoint when
    /// <c>EventHubConnection</c> is set, else one that answers 503 naming the missing settings.
    /// </summary>
    public static IServiceCollection AddCollector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CollectorOptions>()
            .BindConfiguration(CollectorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CollectorOptions>, CollectorOptionsValidator>();
        services.AddSingleton<WriteKeys>();
        services.AddSingleton<WriteKeyEventLimiter>();
        services.AddSingleton<HubRouting>();
        services.AddSingleton<EventCollector>();

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CollectorOptions>>((cors, collector) =>
            cors.AddPolicy(CollectorPolicies.Cors, policy => policy
                .WithOrigins(collector.Value.AllowedOrigins)
                .WithMethods(HttpMethods.Post)
                .WithHeaders("Content-Type", WriteKeys.HeaderName)
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(CollectorPolicies.RateLimit, PartitionByWriteKey);
            limiter.OnRejected = CollectorResults.WriteRateLimitedAsync;
        });

        var devHostUrl = configuration[DevHostUrlSetting];
        if (!string.IsNullOrWhiteSpace(devHostUrl))
        {
            services.AddHttpClient(DevHostEventPublisher.HttpClientName, client => client.BaseAddress = new Uri(devHostUrl.TrimEnd('/') + "/"));
            services.AddSingleton<IEventPublisher>(sp => new DevHostEventPublisher(sp.GetRequiredService<IHttpClientFactory>().CreateClient(DevHostEventPublisher.HttpClientName)));
        }
        else if (EventHubsKafkaConfig.FromConfiguration(configuration) is { } kafka)
        {
            // One producer for the app's life: it owns the broker connections and batches across requests.
            services.AddSingleton(sp => KafkaProducerFactory.Create(kafka, sp.GetRequiredService<ILoggerFactory>().CreateLogger("TouchpointPipeline.Collector.Kafka")));
            services.AddSingleton<IEventPublisher>(sp => new KafkaEventPublisher(sp.GetRequiredService<IProducer<string, byte[]>>()));
        }
        else
        {
            services.AddSingleton<IEventPublisher, UnconfiguredEventPublisher>();
        }

        return services;
    }

    private static RateLimitPartition<string> PartitionByWriteKey(HttpContext context)
    {
        var grant = context.RequestServices.GetRequiredService<WriteKeys>().Authenticate(WriteKeys.Presented(context.Request));
        context.Items[CollectorPolicies.GrantItem] = grant;
        if (grant is null)
        {
            // Unknown keys get 401 from the handler; they never share (or drain) a real key's bucket.
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<CollectorOptions>>().Value.RateLimit;
        return RateLimitPartition.GetTokenBucketLimiter(grant.Name, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.TokenLimit,
            TokensPerPeriod = options.TokensPerPeriod,
            ReplenishmentPeriod = options.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
