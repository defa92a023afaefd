namespace ThuliumPS.Results;

/// <summary>How one input item ended.</summary>
public enum ThuliumOutcome
{
    /// <summary>The server did what was asked.</summary>
    Succeeded,

    /// <summary>The item was not processed (refused locally or by the server, or its request failed for good).</summary>
    Failed,

    /// <summary>
    /// A create whose answer never arrived: the server may have acted. Check before re-running
    /// (see about_ThuliumPS_Reliability); ThuliumPS never resends such an item itself.
    /// </summary>
    Unknown,
}
