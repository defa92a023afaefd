using System;

namespace ThuliumPS.Core.Bulk;

/// <summary>Outcomes the runner makes itself (items that never got a server answer of their own).</summary>
internal static class OutcomeFactory
{
    /// <summary>Status of an item refused before sending.</summary>
    public const string InvalidInputStatus = "InvalidInput";

    /// <summary>Status of an item whose request was cancelled.</summary>
    public const string CancelledStatus = "Cancelled";

    /// <summary>Status of an item the answer did not mention.</summary>
    public const string MissingStatus = "MissingFromResponse";

    /// <summary>Status of an item whose request failed in an unexpected way.</summary>
    public const string FailedStatus = "Failed";

    public static ItemOutcome Invalid(int index, string message) =>
        new(index, OutcomeKind.Failed, InvalidInputStatus, FailureReason.InvalidInput) { Message = message };

    public static ItemOutcome Cancelled(int index) =>
        new(index, OutcomeKind.Failed, CancelledStatus, FailureReason.Cancelled) { Message = "The command was stopped before this item was processed." };

    public static ItemOutcome Missing(int index) =>
        new(index, OutcomeKind.Failed, MissingStatus, FailureReason.MissingFromResponse)
        {
            Message = "The server's answer did not mention this item; it may or may not have been processed.",
        };

    public static ItemOutcome Refused(int index, ThuliumPS.Core.Http.ThuliumRequestException error) =>
        new(index, OutcomeKind.Failed, error.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Refused", error.Reason)
        {
            HttpStatus = error.StatusCode,
            Message = error.Message,
            RequestId = error.RequestId,
        };

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
