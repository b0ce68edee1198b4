using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Functions.Triggers.Sweep;

namespace TouchpointPipeline.Functions.AlertDelivery;

internal static class AlertDeliveryServiceCollectionExtensions
{
    /// <summary>
    /// The sweep handler, the alert outbox and the alert sink: with <c>Alerts:Webhook:Url</c> set, a bounded queue
    /// drained by a background sender (the secret is then required, checked at start); otherwise alerts go to the hub
    /// and store only.
    /// </summary>
    public static IServiceCollection AddAlertDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SweepInvocationHandler>();
        services.AddSingleton<AlertOutbox>();
        var webhook = configuration.GetSection(AlertWebhookOptions.SectionName).Get<AlertWebhookOptions>() ?? new AlertWebhookOptions();
        if (!webhook.Enabled)
        {
            services.AddSingleton<IAlertSink, NoAlertSink>();
            return services;
        }

        services.AddOptions<AlertWebhookOptions>()
            .BindConfiguration(AlertWebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrEmpty(o.Secret), "Alerts:Webhook:Secret is required when Alerts:Webhook:Url is set.")
            .Validate(o => o.Url is { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp),
                "Alerts:Webhook:Url must be an absolute http(s) URL.")
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay && o.Timeout > TimeSpan.Zero,
                "Alerts:Webhook delays and timeout must be positive, MaxRetryDelay at least FirstRetryDelay.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlertWebhookOptions>>().Value);
        services.AddSingleton<AlertWebhookQueue>();
        services.AddSingleton<IAlertSink>(sp => sp.GetRequiredService<AlertWebhookQueue>());
        services.AddHttpClient(nameof(AlertWebhookSender));
        services.AddHostedService(sp => new AlertWebhookSender(
            sp.GetRequiredService<AlertWebhookQueue>(),
            sp.GetRequiredService<IAlertStore>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AlertWebhookSender)),
            sp.GetRequiredService<AlertWebhookOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AlertWebhookSender>>(),
            sp.GetRequiredService<PipelineMetrics>()));
        return services;
    }
}
