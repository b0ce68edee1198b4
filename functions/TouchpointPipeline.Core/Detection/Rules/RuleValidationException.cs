namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>The rules could not be loaded; <see cref="Exception.Message"/> lists every problem by file.</summary>
public sealed class RuleValidationException : Exception
{
    public RuleValidationException(string origin, IReadOnlyList<string> problems)
        : base($"Detection rules in '{origin}' are invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    public RuleValidationException()
    {
        Problems = [];
    }

    public RuleValidationException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public RuleValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
