using System.Reflection;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>The function app project as built for these tests: its source folder, build output and configuration.</summary>
internal static class FunctionAppProject
{
    public static string ProjectDirectory { get; } = Metadata("FunctionAppProjectDirectory");

    public static string ProjectFile { get; } = Path.Combine(ProjectDirectory, "TouchpointPipeline.Functions.csproj");

    /// <summary>The source home of every function.json: FunctionMetadata/&lt;Function&gt;/function.json.</summary>
    public static string MetadataDirectory { get; } = Path.Combine(ProjectDirectory, "FunctionMetadata");

    /// <summary>bin/&lt;Configuration&gt;/&lt;TargetFramework&gt;/ of the Functions project: the folder the dev host runs.</summary>
    public static string OutputDirectory { get; } = Metadata("FunctionAppOutputDirectory");

    public static string Configuration { get; } = Metadata("FunctionAppConfiguration");

    /// <summary>Names of the source function folders, i.e. the function names.</summary>
    public static IReadOnlyList<string> SourceFunctionNames() =>
        [.. Directory.GetDirectories(MetadataDirectory).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    /// <summary>Every function.json under <paramref name="root"/>, as paths relative to it with '/' separators.</summary>
    public static IReadOnlyList<string> FunctionJsonFiles(string root) =>
        [.. Directory.EnumerateFiles(root, "function.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    private static string Metadata(string key) =>
        typeof(FunctionAppProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is empty.");
}
