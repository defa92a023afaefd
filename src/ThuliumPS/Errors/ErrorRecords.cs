using System;
using System.Globalization;
using System.Management.Automation;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Http;

namespace ThuliumPS.Errors;

/// <summary>ErrorRecords for failed items and terminating conditions: stable ErrorIds, fitting categories.</summary>
internal static partial class ErrorRecords
{
    /// <summary>
    /// A failed item's error. What the console shows (ErrorDetails) names the item — its InputIndex and, when it gave
    /// one, its <paramref name="label"/> ("customer 441") — so that a server message such as "Customer not found."
    /// says which one; the exception's message is the bare message, as the result's Message is.
    /// </summary>
    public static ErrorRecord ForItem(ItemOutcome outcome, object? input, string? label)
    {
        var (id, category) = Classify(outcome.Reason);
        var message = outcome.Message ?? outcome.Status;
        var exception = new ThuliumItemException(message) { Status = outcome.Status, RequestId = outcome.RequestId };
        var item = "Item " + outcome.InputIndex.ToString(CultureInfo.InvariantCulture) + (label is null ? string.Empty : " (" + label + ")");
        return new ErrorRecord(exception, id, category, input)
        {
            ErrorDetails = new ErrorDetails(item + ": " + message) { RecommendedAction = Advice(outcome.Reason) },
        };
    }

    public static ErrorRecord Terminating(Exception exception, string id, ErrorCategory category, object? target = null) =>
        new(exception, id, category, target);

    /// <summary>
    /// The terminating error for a 401 (wrong credentials) or 403 (no permission): the same ErrorId and category
    /// whether Connect-Thulium's check or a bulk command's request met it.
    /// </summary>
    public static ErrorRecord ForAuthentication(ThuliumAuthenticationException error, object? target)
    {
        var (id, category) = Classify(error.Reason);
        return Terminating(error, id, category, target);
    }

    private static (string Id, ErrorCategory Category) Classify(FailureReason reason) => reason switch
    {
        FailureReason.InvalidInput => (ErrorIds.InvalidInput, ErrorCategory.InvalidData),
        FailureReason.Rejected => (ErrorIds.Rejected, ErrorCategory.InvalidData),
        FailureReason.NotFound => (ErrorIds.NotFound, ErrorCategory.ObjectNotFound),
        FailureReason.Conflict => (ErrorIds.Conflict, ErrorCategory.ResourceBusy),
        FailureReason.Throttled => (ErrorIds.Throttled, ErrorCategory.LimitsExceeded),
        FailureReason.ServerError => (ErrorIds.ServerError, ErrorCategory.InvalidResult),
        FailureReason.Timeout => (ErrorIds.Timeout, ErrorCategory.OperationTimeout),
        FailureReason.Cancelled => (ErrorIds.Cancelled, ErrorCategory.OperationStopped),
        FailureReason.MissingFromResponse => (ErrorIds.MissingFromResponse, ErrorCategory.InvalidResult),
        FailureReason.OutcomeUnknown => (ErrorIds.OutcomeUnknown, ErrorCategory.InvalidResult),
        FailureReason.Unauthorized => (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError),
        FailureReason.Forbidden => (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied),
        _ => (ErrorIds.Transport, ErrorCategory.ConnectionError),
    };

    private static string? Advice(FailureReason reason) => reason switch
    {
        FailureReason.InvalidInput => "Correct the input item and run the command again for it.",
        FailureReason.Conflict => "Retry this item later.",
        FailureReason.Throttled or FailureReason.ServerError or FailureReason.Transport or FailureReason.Timeout => "Retry this item later; see about_ThuliumPS_Reliability.",
        FailureReason.OutcomeUnknown => "Check in Thulium whether the item exists before running it again; see about_ThuliumPS_Reliability.",
        _ => null,
    };
}
