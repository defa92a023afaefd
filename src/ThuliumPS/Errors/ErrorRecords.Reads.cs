using System.Globalization;
using System.Management.Automation;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Errors;

/// <summary>ErrorRecords of the reading commands, with the same ErrorIds and categories as the bulk ones.</summary>
internal static partial class ErrorRecords
{
    /// <summary>A customer id the server does not know (non-terminating: the other ids go on).</summary>
    public static ErrorRecord CustomerNotFound(long customerId, object? target)
    {
        var message = "Customer " + customerId.ToString(CultureInfo.InvariantCulture) + " was not found.";
        var exception = new ThuliumItemException(message) { Status = OutcomeStatuses.NotFound };
        return new ErrorRecord(exception, ErrorIds.NotFound, ErrorCategory.ObjectNotFound, target) { ErrorDetails = new ErrorDetails(message) };
    }

    /// <summary>A read that failed as a whole (no answer, a 5xx after retries, an unreadable answer …).</summary>
    public static ErrorRecord ForRequest(ThuliumRequestException error, object? target)
    {
        var (id, category) = Classify(error.Reason);
        return new ErrorRecord(error, id, category, target)
        {
            ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = Advice(error.Reason) },
        };
    }

    /// <summary>A value that is not a customer id (non-terminating).</summary>
    public static ErrorRecord InvalidInput(string message, object? target)
    {
        var exception = new ThuliumItemException(message) { Status = OutcomeStatuses.InvalidInput };
        return new ErrorRecord(exception, ErrorIds.InvalidInput, ErrorCategory.InvalidData, target)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = Advice(FailureReason.InvalidInput) },
        };
    }
}
