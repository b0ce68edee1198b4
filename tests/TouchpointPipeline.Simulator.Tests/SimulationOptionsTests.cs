namespace TouchpointPipeline.Simulator.Tests;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void Defaults_WithoutLimits_RunContinuouslyAtTwoHundredEventsPerSecond()
    {
        var options = new SimulationOptions();

        Assert.False(options.IsFinite);
        Assert.Equal(200, options.Rate);
    }
}
