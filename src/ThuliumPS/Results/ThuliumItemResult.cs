namespace ThuliumPS.Results;

/// <summary>
/// What every ThuliumPS bulk cmdlet writes for each input item: exactly one, in input order, whatever happened.
/// A failed row keeps its original input in <see cref="InputObject"/>, so failures can be exported and fed back.
/// </summary>
public abstract class ThuliumItemResult
{
    /// <summary>0-based position of the item in this command's input.</summary>
    public int InputIndex { get; internal set; }

    /// <summary>How the item ended: Succeeded, Failed, Unknown or NotSent (see <see cref="ThuliumOutcome"/>).</summary>
    public string Outcome { get; internal set; } = ThuliumOutcome.Failed;

    /// <summary>True when the server did what was asked.</summary>
    public bool Succeeded => Outcome == ThuliumOutcome.Succeeded;

    /// <summary>
    /// The server's status word where it gives one (REMOVED, NOT_EXIST, REMOVAL_QUEUED …), otherwise ThuliumPS's
    /// (Created, Deleted, InvalidInput, Unknown …).
    /// </summary>
    public string Status { get; internal set; } = string.Empty;

    /// <summary>The item's own http_status, or its request's HTTP status; empty when no request was sent.</summary>
    public int? HttpStatus { get; internal set; }

    /// <summary>The server's message, or ThuliumPS's explanation of the failure.</summary>
    public string? Message { get; internal set; }

    /// <summary>How many HTTP attempts the item's request took (0 when nothing was sent).</summary>
    public int Attempts { get; internal set; }

    /// <summary>The request_id of a server error body; quote it when reporting a problem to Thulium.</summary>
    public string? RequestId { get; internal set; }

    /// <summary>The original input item (a CSV row, an id, a hashtable …).</summary>
    public object? InputObject { get; internal set; }

    /// <summary>
    /// The item as an error message names it ("customer 441"), from what it gave; null when it gave nothing usable.
    /// With <see cref="InputIndex"/> it tells an admin reading $Error or a transcript which item failed.
    /// </summary>
    internal virtual string? Label => null;
}
