namespace ThuliumPS.Core.Diagnostics;

/// <summary>
/// Where the engine reports what it is doing. The cmdlet layer implements it with a queue that the pipeline thread
/// drains into WriteVerbose/WriteDebug/WriteWarning, because only that thread may talk to PowerShell (a Write* call from another thread throws).
/// Implementations must be thread-safe. Messages never contain the password or the Authorization header.
/// </summary>
public interface IEngineLog
{
    /// <summary>One line per request or retry (method, path, item count, status, milliseconds).</summary>
    void Verbose(string message);

    /// <summary>Detail for troubleshooting.</summary>
    void Debug(string message);

    /// <summary>Something the user should act on, e.g. a CSV column that maps to nothing.</summary>
    void Warning(string message);
}
