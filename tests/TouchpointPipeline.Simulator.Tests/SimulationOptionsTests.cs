namespace TouchpointPipeline.Simulator.Tests;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void Defaults_WithoutLimits_RunContinuouslyAtTwoHundredEventsPerSecond()
    {
        var options = new SimulationOptions();

        Assert.False(options.IsFinite);
        Assert.Equal(200, options.Rate);
        Assert.Equal(SimulationOptions.ViaCollector, options.Via);
    }

    [Theory]
    [InlineData("collector", true)]
    [InlineData("eventhubs", true)]
    [InlineData("kafka", false)]
    public void Via_OnlyCollectorOrEventHubs_IsValid(string via, bool valid)
    {
        var options = new SimulationOptions { Via = via };

        var ok = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), [], validateAllProperties: true);

        Assert.Equal(valid, ok);
    }
}
