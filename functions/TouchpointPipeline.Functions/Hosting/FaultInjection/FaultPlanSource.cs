using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TouchpointPipeline.Functions.Hosting.FaultInjection;

/// <summary>
/// The current <see cref="FaultPlan"/> (re-read from the file at most every <see cref="FaultInjectionOptions.RefreshInterval"/>)
/// and the seeded draws that decide whether a call fails. Each injected fault is appended to the log file, so a drill
/// can count them even across handler restarts.
/// </summary>
internal sealed class FaultPlanSource
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly FaultInjectionOptions _options;
    private readonly string _planFile;
    private readonly string _logFile;
    private readonly TimeProvider _time;
    private readonly ILogger<FaultPlanSource> _logger;
    private readonly Lock _gate = new();
    private FaultPlan _plan = FaultPlan.None;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private Random _random = new(1);
    private int _seed = 1;

    public FaultPlanSource(IOptions<FaultInjectionOptions> options, TimeProvider time, ILogger<FaultPlanSource> logger)
    {
        _options = options.Value;
        _planFile = Path.GetFullPath(_options.PlanFile!);
        _logFile = Path.GetFullPath(_options.LogFile ?? _options.PlanFile + ".log");
        _time = time;
        _logger = logger;
        FaultInjectionLog.Enabled(logger, _planFile);
    }

    public FaultPlan Current
    {
        get
        {
            lock (_gate)
            {
                Refresh();
                return _plan;
            }
        }
    }

    /// <summary>True (and logged) when a call with this failure <paramref name="rate"/> fails now.</summary>
    public bool Draw(string kind, Func<FaultPlan, double> rate)
    {
        bool fails;
        lock (_gate)
        {
            Refresh();
            var p = rate(_plan);
            fails = p > 0 && _random.NextDouble() < p;
        }

        if (fails)
        {
            Record(kind);
        }

        return fails;
    }

    /// <summary>Appends one line per injected fault: <c>{kind} {time}</c>.</summary>
    public void Record(string kind)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{kind} {_time.GetUtcNow():O}\n");
        lock (_gate)
        {
            File.AppendAllText(_logFile, line);
        }
    }

    private void Refresh()
    {
        var now = _time.GetUtcNow();
        if (_options.RefreshInterval > TimeSpan.Zero && now - _readAt < _options.RefreshInterval)
        {
            return;
        }

        _readAt = now;
        try
        {
            _plan = File.Exists(_planFile) ? JsonSerializer.Deserialize<FaultPlan>(File.ReadAllText(_planFile), JsonOptions) ?? FaultPlan.None : FaultPlan.None;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            FaultInjectionLog.PlanUnreadable(_logger, ex, _planFile);
        }

        if (_plan.Seed != _seed)
        {
            _seed = _plan.Seed;
            _random = new Random(_seed);
        }
    }
}
