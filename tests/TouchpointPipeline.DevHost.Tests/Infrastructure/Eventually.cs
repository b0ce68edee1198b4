namespace TouchpointPipeline.DevHost.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a generous deadline passes (no fixed sleeps; the machine is shared).</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, Action? between = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last value: {value}");
            }

            between?.Invoke();
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public static Task<int> CountAsync(Func<int> count, int atLeast, string what, Action? between = null) =>
        UntilAsync(() => Task.FromResult(count()), c => c >= atLeast, what, between: between);
}
