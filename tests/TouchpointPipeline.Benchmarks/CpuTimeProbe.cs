using System.Text;
using System.Text.Json;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Benchmarks;

/// <summary>
/// <c>cpu-time</c>: the per-event benchmarks' bodies timed by the CPU time of the running thread (Linux
/// <c>/proc/thread-self/schedstat</c>), interleaved over 12 rounds, best round kept. On a machine shared with other
/// builds, BenchmarkDotNet's wall-clock means mostly measure waiting for a core; thread CPU time does not, so its ratios
/// to the deserialize baseline are the figures to compare there. Also times the representable-content check alone.
/// </summary>
internal static class CpuTimeProbe
{
    public static int Run()
    {
        var b = new PerEventPathBenchmarks();
        b.Setup();
        var body = Encoding.UTF8.GetBytes(SampleEvents.Click(7));
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        (string Name, Func<int> Action, int PerInvoke)[] probes =
        [
            ("click path", () => b.DecodeValidateNormalizeDedupe(), 100),
            ("chat path", () => b.ChatMessages(), 100),
            ("deserialize baseline", () => b.RawDeserializeBaseline(), 100),
            ("read only", () => b.ReadOnly(), 100),
            ("decode only", () => b.DecodeOnly(), 100),
            ("representable walk", () => RepresentableContent.Check(root) is null ? 1 : 0, 1),
            ("representable scan", () => RepresentableContent.Check(root, body) is null ? 1 : 0, 1),
        ];
        var best = probes.Select(_ => double.MaxValue).ToArray();
        for (var round = 0; round < 12; round++)
        {
            for (var p = 0; p < probes.Length; p++)
            {
                var n = probes[p].PerInvoke == 1 ? 100_000 : 1_000;
                var before = ThreadCpuMicroseconds();
                for (var i = 0; i < n; i++)
                {
                    probes[p].Action();
                }

                var perOp = (ThreadCpuMicroseconds() - before) / n / probes[p].PerInvoke;
                best[p] = Math.Min(best[p], perOp);
            }
        }

        for (var p = 0; p < probes.Length; p++)
        {
            Console.WriteLine($"== {probes[p].Name}: best thread cpu {best[p]:F3} us/op ({best[p] / best[2]:F2}x baseline)");
        }

        return 0;
    }

    // The first field of schedstat is the time this thread has run, in nanoseconds.
    private static double ThreadCpuMicroseconds() =>
        long.Parse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1e3;
}
