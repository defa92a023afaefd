using System;

namespace ThuliumPS.Core.Bulk;

/// <summary>
/// Outcomes made without a server answer of the item's own: refused before sending, deliberately not sent,
/// cancelled, missing from the answer, or the copy for a repeated item.
/// </summary>
public static class OutcomeFactory
{
    /// <summary>Status of an item refused before sending.</summary>
    public const string InvalidInputStatus = "InvalidInput";

    /// <summary>Status of an item whose request was cancelled.</summary>
    public const string CancelledStatus = "Cancelled";

    /// <summary>Status of an item the answer did not mention.</summary>
    public const string MissingStatus = "MissingFromResponse";

    /// <summary>Status of an item whose request failed in an unexpected way.</summary>
    public const string FailedStatus = "Failed";

    /// <summary>Status of an item left unsent because an earlier failure stops the command (-ErrorAction Stop).</summary>
    public const string StoppedAtFailureStatus = "StoppedAtFailure";

    /// <summary>An item refused before sending (bad input).</summary>
    public static ItemOutcome Invalid(int index, string message) =>
        new(index, OutcomeKind.Failed, InvalidInputStatus, FailureReason.InvalidInput) { Message = message };

    /// <summary>An item deliberately not sent (rehearsed with -WhatIf, declined at a prompt …).</summary>
    public static ItemOutcome NotSent(int index, string status, string message) =>
        new(index, OutcomeKind.NotSent, status) { Message = message };

    /// <summary>An item that was never sent because a failure (of <paramref name="failedIndex"/>) stops the command.</summary>
    public static ItemOutcome StoppedAtFailure(int index, int failedIndex) =>
        new(index, OutcomeKind.NotSent, StoppedAtFailureStatus)
        {
            Message = string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "Not sent: the command stopped at its first failure (the item with InputIndex {0}) because of -ErrorAction Stop; run the command again for this item.",
                failedIndex),
        };

    /// <summary>An item whose request was cancelled (Ctrl+C).</summary>
    public static ItemOutcome Cancelled(int index) =>
        new(index, OutcomeKind.Failed, CancelledStatus, FailureReason.Cancelled) { Message = "The command was stopped before this item was processed." };

    /// <summary>An item the server's answer did not mention.</summary>
    public static ItemOutcome Missing(int index) =>
        new(index, OutcomeKind.Failed, MissingStatus, FailureReason.MissingFromResponse)
        {
            Message = "The server's answer did not mention this item; it may or may not have been processed.",
        };

    /// <summary>An item of a request refused as a whole by authentication (401/403).</summary>
    public static ItemOutcome Refused(int index, ThuliumPS.Core.Http.ThuliumRequestException error) =>
        new(index, OutcomeKind.Failed, error.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Refused", error.Reason)
        {
            HttpStatus = error.StatusCode,
            Message = error.Message,
            RequestId = error.RequestId,
        };

    /// <summary>An item whose request failed in an unexpected way (a bug must fail items, never lose them).</summary>
    public static ItemOutcome Crashed(int index, Exception error) =>
        new(index, OutcomeKind.Failed, FailedStatus, FailureReason.Transport) { Message = "The request failed unexpectedly: " + error.Message };

    /// <summary>The same verdict for another input (a repeated id that was sent once).</summary>
    public static ItemOutcome CopyFor(ItemOutcome original, int index) =>
        new(index, original.Kind, original.Status, original.Reason)
        {
            HttpStatus = original.HttpStatus,
            Message = original.Message,
            ReturnedId = original.ReturnedId,
            RequestId = original.RequestId,
            Attempts = original.Attempts,
            WholeRequest = original.WholeRequest,
        };
}
