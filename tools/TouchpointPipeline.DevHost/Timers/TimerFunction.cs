using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Invocation;
using TouchpointPipeline.DevHost.Outputs;

namespace TouchpointPipeline.DevHost.Timers;

/// <summary>
/// One <c>timerTrigger</c> function: a singleton that waits for its next occurrence, invokes (with the retry policy),
/// applies outputs, then schedules the occurrence after that. <c>runOnStartup</c> adds a run when the dev host starts.
/// A run that starts after the following occurrence is already due reports <c>IsPastDue</c>.
/// </summary>
internal sealed class TimerFunction(FunctionDefinition function, FunctionInvoker invoker, OutputBindingWriter outputs, TimeProvider time, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly BindingDefinition _trigger = function.Trigger!;
    private readonly TimerSchedule _schedule = TimerSchedule.Parse(
        function.Trigger!.GetString("schedule") ?? throw new FunctionAppException($"{function.Name}/function.json: the timerTrigger needs a schedule."),
        $"{function.Name}/function.json");

    private DateTimeOffset? _next, _lastOccurrence, _lastRun;
    private long _runs, _failedRuns, _retries;

    public string Name => function.Name;

    public async Task RunAsync(CancellationToken stopping)
    {
        var useMonitor = _trigger.GetBool("useMonitor", fallback: true);
        if (_trigger.GetBool("runOnStartup", fallback: false))
        {
            await InvokeAsync(time.GetUtcNow(), useMonitor, stopping).ConfigureAwait(false);
        }

        while (!stopping.IsCancellationRequested)
        {
            var due = _schedule.NextAfter(time.GetUtcNow());
            lock (_gate)
            {
                _next = due;
            }

            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stopping).ConfigureAwait(false);
            }

            await InvokeAsync(due, useMonitor, stopping).ConfigureAwait(false);
        }
    }

    public TimerStatus Status()
    {
        lock (_gate)
        {
            return new TimerStatus(function.Name, _schedule.Expression, _next, _lastRun, _runs, _failedRuns, _retries);
        }
    }

    private async Task InvokeAsync(DateTimeOffset occurrence, bool useMonitor, CancellationToken stopping)
    {
        var now = time.GetUtcNow();
        var following = _schedule.NextAfter(occurrence);
        DateTimeOffset? previous;
        lock (_gate)
        {
            previous = _lastOccurrence;
        }

        var payload = new TimerOccurrence(useMonitor ? new ScheduleStatus(previous, following, now) : null, IsPastDue: now >= following);
        var result = await invoker.InvokeAsync(
            function, (writer, attempt) => TimerPayloadWriter.Write(writer, function.Name, _trigger.Name, payload, attempt), stopping).ConfigureAwait(false);
        if (result.Response is { } response)
        {
            outputs.Write(function, response);
        }
        else
        {
            DevHostLog.TimerRunFailed(logger, function.Name, result.Attempts, result.LastFailure?.ToString() ?? "unknown");
        }

        lock (_gate)
        {
            _lastOccurrence = occurrence;
            _lastRun = now;
            _runs++;
            _retries += result.Attempts - 1;
            _failedRuns += result.Succeeded ? 0 : 1;
        }
    }
}
