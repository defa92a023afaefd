using System;
using System.Collections.Concurrent;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Diagnostics;

/// <summary>
/// An <see cref="IEngineLog"/> that queues lines written on any thread, for PowerShell's pipeline thread to write
/// out (only that thread may call WriteVerbose and its kin). Give the same queue to the endpoint and to its runner
/// (Core/Bulk): the runner wakes up for new lines while it waits, so a retry's verbose line appears when it
/// happens, not at the end.
/// </summary>
public sealed class EngineMessageQueue : IEngineLog
{
    private readonly ConcurrentQueue<EngineMessage> messages = new();

    internal event Action? Posted;

    /// <inheritdoc />
    public void Verbose(string message) => Post(EngineMessageLevel.Verbose, message);

    /// <inheritdoc />
    public void Debug(string message) => Post(EngineMessageLevel.Debug, message);

    /// <inheritdoc />
    public void Warning(string message) => Post(EngineMessageLevel.Warning, message);

    /// <summary>True when no line is waiting.</summary>
    public bool IsEmpty => messages.IsEmpty;

    /// <summary>Takes the oldest waiting line, if any.</summary>
    public bool TryTake(out EngineMessage message)
    {
        var taken = messages.TryDequeue(out var next);
        message = next!;
        return taken;
    }

    private void Post(EngineMessageLevel level, string text)
    {
        messages.Enqueue(new EngineMessage(level, text));
        Posted?.Invoke();
    }
}
