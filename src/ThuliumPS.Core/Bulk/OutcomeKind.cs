namespace ThuliumPS.Core.Bulk;

/// <summary>How one input item ended.</summary>
public enum OutcomeKind
{
    /// <summary>The server did what was asked.</summary>
    Succeeded,

    /// <summary>The item was not processed: refused locally or by the server, or its request failed for good.</summary>
    Failed,

    /// <summary>
    /// A create whose answer never arrived (timeout, connection dropped after sending): the server may have acted.
    /// Never resent automatically, because a resend could create a duplicate.
    /// </summary>
    Unknown,
}
