using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Collector;

internal static class CollectorServiceCollectionExtensions
{
    /// <summary>
    /// The Collect function: options (validated at start), write keys, CORS and per-key rate-limit policies, and the
    /// publisher: Event Hubs through <c>EventHubProducerClient</c> when <c>EventHubConnection</c> is set (in Azure, the
    /// emulator, and under the dev host, which sets it to its own AMQP listener), else one that answers 503 naming the
    /// missing setting.
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

        if (EventHubsConnection.FromConfiguration(configuration) is { } connection)
        {
            services.AddSingleton(new EventHubProducers(connection.CreateProducer));
            services.AddSingleton<IEventPublisher, EventHubsEventPublisher>();
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
