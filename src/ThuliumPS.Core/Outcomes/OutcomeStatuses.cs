namespace ThuliumPS.Core.Outcomes;

/// <summary>
/// The engine's own status words for <c>ItemOutcome.Status</c>, used where the server gives none. Where the
/// server does give one (<see cref="ServerStatuses"/>), the outcome carries the server's word instead.
/// </summary>
public static class OutcomeStatuses
{
    /// <summary>The item was created.</summary>
    public const string Created = "Created";

    /// <summary>The item was deleted.</summary>
    public const string Deleted = "Deleted";

    /// <summary>The server refused the item (400 and other client errors).</summary>
    public const string Rejected = "Rejected";

    /// <summary>The object does not exist.</summary>
    public const string NotFound = "NotFound";

    /// <summary>The object's state prevents the operation (409).</summary>
    public const string Conflict = "Conflict";

    /// <summary>The server refused the API user's credentials (401) for the item's request: nothing more is sent.</summary>
    public const string Unauthorized = "Unauthorized";

    /// <summary>The API user may not do this to the item (a 403, per item or for the item's request).</summary>
    public const string Forbidden = "Forbidden";

    /// <summary>The server asked to slow down (429/503) for longer than the retries allowed.</summary>
    public const string Throttled = "Throttled";

    /// <summary>The server failed (5xx).</summary>
    public const string ServerError = "ServerError";

    /// <summary>No answer: the connection failed, or the answer could not be read.</summary>
    public const string TransportError = "TransportError";

    /// <summary>No answer within the timeout.</summary>
    public const string Timeout = "Timeout";

    /// <summary>The server may or may not have acted (a create whose answer was lost).</summary>
    public const string Unknown = "Unknown";

    /// <summary>The answer did not mention the item.</summary>
    public const string MissingFromResponse = "MissingFromResponse";

    /// <summary>The item was refused locally before any request.</summary>
    public const string InvalidInput = "InvalidInput";

    /// <summary>The command was stopped (Ctrl+C) before the item was processed.</summary>
    public const string Cancelled = "Cancelled";

    /// <summary>The item's request failed in an unexpected way (a defect, reported rather than lost).</summary>
    public const string Failed = "Failed";

    /// <summary>Not sent: the command only rehearsed (-WhatIf).</summary>
    public const string WhatIf = "WhatIf";

    /// <summary>Not sent: the confirmation prompt was answered No.</summary>
    public const string Declined = "Declined";

    /// <summary>Not sent: an earlier failure stopped the command (-ErrorAction Stop).</summary>
    public const string StoppedAtFailure = "StoppedAtFailure";

    /// <summary>Not sent again: the journal (-JournalPath) records the item as done by an earlier run.</summary>
    public const string AlreadyDone = "AlreadyDone";
}
