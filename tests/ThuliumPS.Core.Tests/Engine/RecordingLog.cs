using System.Collections.Concurrent;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>Keeps every engine log line.</summary>
internal sealed class RecordingLog : IEngineLog
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public void Verbose(string message) => Lines.Enqueue("VERBOSE: " + message);

    public void Debug(string message) => Lines.Enqueue("DEBUG: " + message);

    public void Warning(string message) => Lines.Enqueue("WARNING: " + message);
}
