namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// Tests that expect the app to fail at start run alone, after the parallel ones. WebApplicationFactory finds the app's
/// host through a process-wide diagnostic listener; while other factories start and stop in parallel, a start that
/// fails could surface as an ObjectDisposedException instead of the validation message under test (seen on a loaded
/// 2-core CI machine).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StartupFailureCollection
{
    public const string Name = "App start-up failures";
}
