namespace ThuliumPS.Core.Outcomes;

/// <summary>Why an item did not succeed; the cmdlet layer maps it to a PowerShell ErrorCategory and ErrorId.</summary>
public enum FailureReason
{
    /// <summary>Not a failure.</summary>
    None,

    /// <summary>Rejected locally before any request (missing surname, bad id, unparseable boolean …).</summary>
    InvalidInput,

    /// <summary>The server refused the item as invalid (item or request 400).</summary>
    Rejected,

    /// <summary>The object does not exist (404, NOT_EXIST).</summary>
    NotFound,

    /// <summary>The object is in a state that prevents the operation (e.g. CALL_IN_PROGRESS, ALREADY_QUEUED).</summary>
    Conflict,

    /// <summary>401: wrong user or password.</summary>
    Unauthorized,

    /// <summary>403: the API user may not call this method.</summary>
    Forbidden,

    /// <summary>429 or 503 that outlasted the retries, or a Retry-After beyond the cap.</summary>
    Throttled,

    /// <summary>A 5xx that outlasted the retries.</summary>
    ServerError,

    /// <summary>The connection failed or the answer could not be read.</summary>
    Transport,

    /// <summary>The request timed out.</summary>
    Timeout,

    /// <summary>The user stopped the command before the item was processed.</summary>
    Cancelled,

    /// <summary>The server's answer did not mention this item.</summary>
    MissingFromResponse,

    /// <summary>The server may or may not have acted (see <see cref="OutcomeKind.Unknown"/>).</summary>
    OutcomeUnknown,
}
