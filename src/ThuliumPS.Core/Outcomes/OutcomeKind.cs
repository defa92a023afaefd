namespace ThuliumPS.Core.Outcomes;

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

    /// <summary>
    /// Nothing was sent for the item, on purpose: it was only rehearsed (-WhatIf), declined at a confirmation
    /// prompt, or left unsent because the command stops at its first failure (-ErrorAction Stop). The outcome's
    /// status says which.
    /// </summary>
    NotSent,
}
