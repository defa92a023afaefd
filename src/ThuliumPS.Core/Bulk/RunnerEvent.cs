namespace ThuliumPS.Core.Bulk;

/// <summary>What the runner hands the pipeline thread: an item's outcome, or a log line.</summary>
public sealed class RunnerEvent
{
    private RunnerEvent(ItemOutcome? outcome, EngineMessage? message)
    {
        Outcome = outcome;
        Message = message;
    }

    /// <summary>The outcome, when this event is one.</summary>
    public ItemOutcome? Outcome { get; }

    /// <summary>The log line, when this event is one.</summary>
    public EngineMessage? Message { get; }

    internal static RunnerEvent For(ItemOutcome outcome) => new(outcome, null);

    internal static RunnerEvent For(EngineMessage message) => new(null, message);
}
