using System;

namespace ThuliumPS.Errors;

/// <summary>The exception inside a ThuliumPS per-item ErrorRecord: what went wrong with one input item.</summary>
public sealed class ThuliumItemException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ThuliumItemException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ThuliumItemException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ThuliumItemException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The item's status word (NOT_EXIST, InvalidInput …).</summary>
    public string? Status { get; internal set; }

    /// <summary>The request_id of the server's error body, if any.</summary>
    public string? RequestId { get; internal set; }
}
