using BenchmarkDotNet.Running;
using TouchpointPipeline.Benchmarks;

// dotnet run -c Release --project tests/TouchpointPipeline.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/TouchpointPipeline.Benchmarks -- devhost-load --url http://localhost:7071
// dotnet run -c Release --project tests/TouchpointPipeline.Benchmarks -- cpu-time
// dotnet run -c Release --project tests/TouchpointPipeline.Benchmarks -- cosmos-sim --events 3000 --latency 5
if (args is ["devhost-load", ..])
{
    return await DevHostLoad.RunAsync(args[1..]);
}

if (args is ["cosmos-sim", ..])
{
    return await TouchpointPipeline.Benchmarks.CosmosSimulation.CosmosPathSimulation.RunAsync(args[1..]);
}

if (args is ["ingest-profile", ..])
{
    return await IngestProfile.RunAsync(args[1..]);
}

if (args is ["cpu-time", ..])
{
    return CpuTimeProbe.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(PerEventPathBenchmarks).Assembly).Run(args);
return 0;
