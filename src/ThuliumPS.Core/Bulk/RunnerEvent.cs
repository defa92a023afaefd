using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Bulk;

/// <summary>What the runner hands the pipeline thread: an item's outcome, or a log line.</summary>
public sealed class RunnerEvent
{
    private RunnerEvent(ItemOutcome? outcome, EngineMessage? message, object? state)
    {
        Outcome = outcome;
        Message = message;
        State = state;
    }

    /// <summary>The outcome, when this event is one.</summary>
    public ItemOutcome? Outcome { get; }

    /// <summary>The log line, when this event is one.</summary>
    public EngineMessage? Message { get; }

    /// <summary>The state the caller gave with the item (Enqueue/EnqueueSettled), with its outcome.</summary>
    public object? State { get; }

    internal static RunnerEvent For(ItemOutcome outcome, object? state) => new(outcome, null, state);

    internal static RunnerEvent For(EngineMessage message) => new(null, message, null);
}
