using Microsoft.Extensions.Configuration;
using TouchpointPipeline.Simulator;

namespace TouchpointPipeline.DevHost.Tests;

/// <summary>The dev host's <c>--simulate</c> switches bind every <see cref="SimulationOptions"/> setting.</summary>
public sealed class SimulateSwitchesTests
{
    [Theory]
    [InlineData(new[] { "--simulate" }, new[] { "--simulate", "true" })]
    [InlineData(new[] { "--simulate", "--rate", "0" }, new[] { "--simulate", "true", "--rate", "0" })]
    [InlineData(new[] { "--simulate", "false" }, new[] { "--simulate", "false" })]
    [InlineData(new[] { "--port", "0", "--simulate" }, new[] { "--port", "0", "--simulate", "true" })]
    public void ExpandFlags_SimulateWithoutValue_MeansTrue(string[] args, string[] expected)
    {
        Assert.Equal(expected, DevHostApplication.ExpandFlags(args));
    }

    [Fact]
    public void Switches_SimulationCommandLine_BindsEveryOption()
    {
        string[] args = ["--simulate", "--seed", "42", "--customers", "300", "--rate", "0", "--events", "5000", "--duration", "00:01:30", "--report", "r.json", "--pain-share", "0.2", "--exit-when-done", "false"];
        var configuration = new ConfigurationBuilder().AddCommandLine(DevHostApplication.ExpandFlags(args), DevHostApplication.Switches.ToDictionary()).Build();

        var options = configuration.GetSection(SimulationOptions.SectionName).Get<SimulationOptions>()!;

        Assert.True(options.Enabled);
        Assert.Equal(42, options.Seed);
        Assert.Equal(300, options.Customers);
        Assert.Equal(0, options.Rate);
        Assert.Equal(5000, options.Events);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Duration);
        Assert.Equal("r.json", options.Report);
        Assert.Equal(0.2, options.PainShare);
        Assert.False(options.ExitWhenDone);
        Assert.True(options.IsFinite);
    }
}
