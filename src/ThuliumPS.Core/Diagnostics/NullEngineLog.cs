namespace ThuliumPS.Core.Diagnostics;

/// <summary>An <see cref="IEngineLog"/> that discards everything.</summary>
public sealed class NullEngineLog : IEngineLog
{
    /// <summary>The shared instance.</summary>
    public static NullEngineLog Instance { get; } = new();

    /// <inheritdoc />
    public void Verbose(string message) { }

    /// <inheritdoc />
    public void Debug(string message) { }

    /// <inheritdoc />
    public void Warning(string message) { }
}
