using BenchmarkDotNet.Running;
using TouchpointPipeline.Benchmarks;

// dotnet run -c Release --project tests/TouchpointPipeline.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PerEventPathBenchmarks).Assembly).Run(args);
