using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/TouchpointPipeline.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point.</summary>
internal sealed partial class Program;
