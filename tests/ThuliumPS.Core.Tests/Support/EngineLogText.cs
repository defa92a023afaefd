using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Tests.Support;

/// <summary>Reads what the engine logged, for tests that assert the exact lines (warnings, verbose lines).</summary>
internal static class EngineLogText
{
    /// <summary>Takes every line waiting in <paramref name="log"/> and returns their texts, oldest first.</summary>
    public static List<string> TakeAll(this EngineMessageQueue log)
    {
        var lines = new List<string>();
        while (log.TryTake(out var message))
        {
            lines.Add(message.Text);
        }

        return lines;
    }
}
