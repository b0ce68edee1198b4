using System.Text.Json;
using TouchpointPipeline.Simulator.Journeys;

namespace TouchpointPipeline.Simulator.Tests.Journeys;

public sealed class JourneyGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_SameSeedAndIndex_GivesTheSameJourney()
    {
        var a = new JourneyGenerator(42, 0.1, PainPatterns.All).Create(17, Now);
        var b = new JourneyGenerator(42, 0.1, PainPatterns.All).Create(17, Now);

        Assert.Equal(a.CustomerKey, b.CustomerKey);
        Assert.Equal(a.Events.Select(e => e.Json), b.Events.Select(e => e.Json));
    }

    [Fact]
    public void Create_PainShareTenPercent_RotatesThroughEveryDefaultRule()
    {
        var generator = new JourneyGenerator(1, 0.1, PainPatterns.All);

        var rules = Enumerable.Range(0, 110).Select(i => generator.Create(i, Now).InjectedRule).Where(r => r is not null).ToList();

        Assert.Equal(11, rules.Count);
        Assert.Equal(PainPatterns.All.Order(StringComparer.Ordinal), rules.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Create_AnyJourney_HasUniqueIdsAndNoEventAfterNow()
    {
        var generator = new JourneyGenerator(3, 0.2, PainPatterns.All);

        var events = Enumerable.Range(0, 500).SelectMany(i => generator.Create(i, Now).Events).ToList();

        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(events, e =>
        {
            using var json = JsonDocument.Parse(e.Json);
            Assert.True(json.RootElement.GetProperty("time").GetDateTimeOffset() <= Now);
        });
    }

    [Fact]
    public void Create_CheckoutAbandonedPattern_EndsFortyMinutesAgoSoTheSweepCanJudgeIt()
    {
        var generator = new JourneyGenerator(5, 1.0, PainPatterns.All);
        var index = PainPatterns.All.ToList().IndexOf(PainPatterns.CheckoutAbandonedAfterError);

        var journey = generator.Create(index, Now);

        Assert.Equal(PainPatterns.CheckoutAbandonedAfterError, journey.InjectedRule);
        using var last = JsonDocument.Parse(journey.Events[^1].Json);
        Assert.Equal(Now.AddMinutes(-40), last.RootElement.GetProperty("time").GetDateTimeOffset());
    }
}
