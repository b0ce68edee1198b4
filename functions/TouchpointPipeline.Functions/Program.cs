using TouchpointPipeline.Functions.Apis.Alerts;
using TouchpointPipeline.Functions.Apis.Console;
using TouchpointPipeline.Functions.Apis.Identity;
using TouchpointPipeline.Functions.Apis.OpenApi;
using TouchpointPipeline.Functions.Apis.Privacy;
using TouchpointPipeline.Functions.Apis.Replay;
using TouchpointPipeline.Functions.Apis.Timelines;
using TouchpointPipeline.Functions.Collector;
using TouchpointPipeline.Functions.Hosting;
using TouchpointPipeline.Functions.Observability;
using TouchpointPipeline.Functions.Triggers;

var builder = WebApplication.CreateSlimBuilder(args);
builder.UseCustomHandlerPort().UseHostFriendlyConsoleLogging();
builder.Services.AddTouchpointFunctions(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.UseRateLimiter();

// The host polls GET / until the handler answers, and pings it later; any status counts (docs/host-protocol.md §1.2).
app.MapGet("/", () => TypedResults.Ok("TouchpointPipeline handler is running."));
app.MapTriggerEndpoints();
app.MapTimelineEndpoints();
app.MapIdentityEndpoints();
app.MapCollectorEndpoints();
app.MapAlertEndpoints();
app.MapReplayEndpoints();
app.MapPrivacyEndpoints();
app.MapConsoleEndpoints();
app.MapObservabilityEndpoints();
app.MapApiDescription();

app.Run();

/// <summary>Entry point; public so WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
