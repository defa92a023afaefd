namespace ThuliumPS.Core.Outcomes;

/// <summary>
/// The one table from an HTTP status that is not a success to why it failed and the status word a result shows.
/// Whole requests (<c>RequestFailure</c>) and single items of a batch answer (their own <c>http_status</c>) read
/// the same table; what differs between them — a create that a gateway may have carried out is Unknown, not
/// Failed — is decided where the request's kind is known.
/// </summary>
public static class StatusTable
{
    /// <summary>The reason and status word for <paramref name="httpStatus"/> (a 3xx, 4xx or 5xx).</summary>
    public static (FailureReason Reason, string Status) ForFailure(int httpStatus) => httpStatus switch
    {
        >= 300 and <= 399 => (FailureReason.Transport, OutcomeStatuses.TransportError),
        // An item-level 401 never reaches here for a request (a request-level 401 ends the command), and the
        // word says what the user can act on: the item was refused.
        401 => (FailureReason.Unauthorized, OutcomeStatuses.Rejected),
        403 => (FailureReason.Forbidden, OutcomeStatuses.Forbidden),
        404 => (FailureReason.NotFound, OutcomeStatuses.NotFound),
        408 => (FailureReason.Timeout, OutcomeStatuses.Timeout),
        409 => (FailureReason.Conflict, OutcomeStatuses.Conflict),
        429 or 503 => (FailureReason.Throttled, OutcomeStatuses.Throttled),
        >= 500 => (FailureReason.ServerError, OutcomeStatuses.ServerError),
        _ => (FailureReason.Rejected, OutcomeStatuses.Rejected),
    };
}
