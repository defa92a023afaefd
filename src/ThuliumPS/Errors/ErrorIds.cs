namespace ThuliumPS.Errors;

/// <summary>
/// Stable ErrorId values (the first part of FullyQualifiedErrorId). Scripts match on them, so never rename one.
/// </summary>
public static class ErrorIds
{
    /// <summary>The item was refused before sending (bad id, missing surname, unparseable value …).</summary>
    public const string InvalidInput = "ThuliumInvalidInput";

    /// <summary>The server refused the item as invalid.</summary>
    public const string Rejected = "ThuliumItemRejected";

    /// <summary>The object does not exist.</summary>
    public const string NotFound = "ThuliumObjectNotFound";

    /// <summary>The object's state prevents the operation (e.g. a record in a call).</summary>
    public const string Conflict = "ThuliumObjectBusy";

    /// <summary>The server kept asking to slow down.</summary>
    public const string Throttled = "ThuliumThrottled";

    /// <summary>The server failed (5xx) on every attempt.</summary>
    public const string ServerError = "ThuliumServerError";

    /// <summary>The connection failed or the answer could not be read.</summary>
    public const string Transport = "ThuliumConnectionFailed";

    /// <summary>The request timed out.</summary>
    public const string Timeout = "ThuliumTimeout";

    /// <summary>The command was stopped before the item was processed.</summary>
    public const string Cancelled = "ThuliumCancelled";

    /// <summary>The server's answer did not mention the item.</summary>
    public const string MissingFromResponse = "ThuliumItemMissingFromResponse";

    /// <summary>The server may or may not have created the item.</summary>
    public const string OutcomeUnknown = "ThuliumOutcomeUnknown";

    /// <summary>Terminating: wrong user or password.</summary>
    public const string AuthenticationFailed = "ThuliumAuthenticationFailed";

    /// <summary>Terminating: the API user may not call this method.</summary>
    public const string PermissionDenied = "ThuliumPermissionDenied";

    /// <summary>Terminating: no connection, and none can be made from the environment.</summary>
    public const string NotConnected = "ThuliumNotConnected";

    /// <summary>Terminating: the connection settings are invalid (e.g. plain http without the opt-in).</summary>
    public const string InvalidConnection = "ThuliumInvalidConnection";

    /// <summary>Terminating: the journal (-JournalPath) cannot be opened, read or written, or does not fit this run.</summary>
    public const string JournalUnavailable = "ThuliumJournalUnavailable";
}
