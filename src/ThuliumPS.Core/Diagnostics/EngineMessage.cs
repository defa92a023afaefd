namespace ThuliumPS.Core.Diagnostics;

/// <summary>The stream a log line belongs to.</summary>
public enum EngineMessageLevel
{
    /// <summary>-Verbose.</summary>
    Verbose,

    /// <summary>-Debug.</summary>
    Debug,

    /// <summary>A warning.</summary>
    Warning,
}

/// <summary>A log line written by background work, waiting for the pipeline thread to write it.</summary>
public sealed class EngineMessage
{
    internal EngineMessage(EngineMessageLevel level, string text)
    {
        Level = level;
        Text = text;
    }

    /// <summary>Which stream.</summary>
    public EngineMessageLevel Level { get; }

    /// <summary>The text (never a secret).</summary>
    public string Text { get; }
}
