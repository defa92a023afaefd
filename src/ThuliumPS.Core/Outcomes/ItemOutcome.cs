namespace ThuliumPS.Core.Outcomes;

/// <summary>
/// The engine's verdict on one input item. Every input item gets exactly one, whatever happened: no item is ever dropped.
/// The cmdlet layer turns it into the public result object and, unless it succeeded, an ErrorRecord.
/// </summary>
public sealed class ItemOutcome
{
    /// <summary>Creates an outcome.</summary>
    internal ItemOutcome(int inputIndex, OutcomeKind kind, string status, FailureReason reason = FailureReason.None)
    {
        InputIndex = inputIndex;
        Kind = kind;
        Status = status;
        Reason = reason;
    }

    /// <summary>0-based position of the item in the command's input.</summary>
    public int InputIndex { get; }

    /// <summary>How the item ended.</summary>
    public OutcomeKind Kind { get; }

    /// <summary>True when <see cref="Kind"/> is <see cref="OutcomeKind.Succeeded"/>.</summary>
    public bool Succeeded => Kind == OutcomeKind.Succeeded;

    /// <summary>
    /// The server's status word where it gives one (<c>REMOVED</c>, <c>NOT_EXIST</c>, <c>REMOVAL_QUEUED</c> …),
    /// otherwise the engine's (<c>Created</c>, <c>Deleted</c>, <c>InvalidInput</c>, <c>Unknown</c> …).
    /// </summary>
    public string Status { get; }

    /// <summary>Why it did not succeed; <see cref="FailureReason.None"/> on success.</summary>
    public FailureReason Reason { get; }

    /// <summary>The item's own <c>http_status</c>, or the request's status when the item has none.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The server's message, or the engine's explanation.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// The id the server returned: <c>customer_id</c> of a created customer, <c>record_id</c> of a removed CRM record,
    /// <c>item_id</c> of a created field group item.
    /// </summary>
    public long? ReturnedId { get; init; }

    /// <summary>The <c>request_id</c> of a whole-request error body, needed when reporting errors to Thulium.</summary>
    public string? RequestId { get; init; }

    /// <summary>How many HTTP attempts the item's request took (0 when no request was sent).</summary>
    public int Attempts { get; init; }

    /// <summary>
    /// True when this outcome is the request's as a whole (no answer, or an error body instead of per-item
    /// answers), shared by every item of the request; false for an item's own answer.
    /// </summary>
    public bool WholeRequest { get; init; }
}
