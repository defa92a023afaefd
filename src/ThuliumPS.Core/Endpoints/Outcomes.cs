using System.Globalization;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Json.Responses;

namespace ThuliumPS.Core.Endpoints;

/// <summary>Builds item outcomes from an exchange, so attempts and statuses are filled the same way everywhere.</summary>
internal static class Outcomes
{
    /// <summary>A success.</summary>
    public static ItemOutcome Succeeded(int inputIndex, string status, ThuliumExchange exchange, int? httpStatus, long? returnedId = null, string? message = null)
        => new(inputIndex, OutcomeKind.Succeeded, status)
        {
            HttpStatus = httpStatus ?? exchange.StatusCode,
            ReturnedId = returnedId,
            Message = message,
            Attempts = exchange.Attempts,
        };

    /// <summary>A failure of one item.</summary>
    public static ItemOutcome Failed(int inputIndex, FailureReason reason, string status, ThuliumExchange exchange, int? httpStatus, string? message, long? returnedId = null)
        => new(inputIndex, OutcomeKind.Failed, status, reason)
        {
            HttpStatus = httpStatus ?? exchange.StatusCode,
            Message = message,
            ReturnedId = returnedId,
            Attempts = exchange.Attempts,
        };

    /// <summary>The outcome every item of a request that failed as a whole shares.</summary>
    public static ItemOutcome FromRequestFailure(int inputIndex, RequestFailure failure, int attempts)
        => new(inputIndex, failure.Kind, failure.Status, failure.Reason)
        {
            HttpStatus = failure.HttpStatus,
            Message = failure.Message,
            RequestId = failure.RequestId,
            Attempts = attempts,
            WholeRequest = true,
        };

    /// <summary>An item refused locally, before any request (no attempts).</summary>
    public static ItemOutcome InvalidInput(int inputIndex, string message)
        => new(inputIndex, OutcomeKind.Failed, OutcomeStatuses.InvalidInput, FailureReason.InvalidInput) { Message = message, Attempts = 0 };

    /// <summary>An item the answer did not mention.</summary>
    public static ItemOutcome Missing(int inputIndex, string key, ThuliumExchange exchange)
        => Failed(
            inputIndex,
            FailureReason.MissingFromResponse,
            OutcomeStatuses.MissingFromResponse,
            exchange,
            exchange.StatusCode,
            string.Format(
                CultureInfo.InvariantCulture,
                "The server's answer (HTTP {0}) did not mention this item (key '{1}'), so whether it was processed is not known.",
                exchange.StatusCode,
                key));

    /// <summary>
    /// The outcome of an item by its own <c>http_status</c>, for answers without a recognised status word.
    /// An item without <c>http_status</c> counts as succeeded unless it carries a message (the docs never show
    /// one without it; the request's 2xx is then the best evidence).
    /// </summary>
    public static ItemOutcome ByItemStatus(int inputIndex, BatchItemResult item, ThuliumExchange exchange, string successStatus, long? returnedId = null)
    {
        var message = ResponseReader.MessageOf(item);
        var status = item.HttpStatus;
        if (status is >= 200 and <= 299 || (status is null && message is null))
        {
            return Succeeded(inputIndex, item.Status ?? successStatus, exchange, status, returnedId);
        }

        var (reason, word) = status switch
        {
            404 => (FailureReason.NotFound, OutcomeStatuses.NotFound),
            409 => (FailureReason.Conflict, OutcomeStatuses.Conflict),
            403 => (FailureReason.Forbidden, OutcomeStatuses.Forbidden),
            401 => (FailureReason.Unauthorized, OutcomeStatuses.Rejected),
            429 or 503 => (FailureReason.Throttled, OutcomeStatuses.Throttled),
            >= 500 => (FailureReason.ServerError, OutcomeStatuses.ServerError),
            _ => (FailureReason.Rejected, OutcomeStatuses.Rejected),
        };

        if (reason == FailureReason.NotFound)
        {
            return NotFound(inputIndex, item.Status ?? word, exchange, status, message);
        }

        return Failed(inputIndex, reason, item.Status ?? word, exchange, status, message ?? DefaultMessage(status, item.Status), returnedId);
    }

    /// <summary>
    /// The outcome of a delete whose object was not found. When an earlier attempt of the same (idempotent)
    /// request may have reached the server — its answer was lost, so it was retried — the object is gone either
    /// way and most likely that attempt removed it: the item then counts as succeeded, and the message says why.
    /// Otherwise it failed as not found.
    /// </summary>
    public static ItemOutcome NotFound(int inputIndex, string status, ThuliumExchange exchange, int? httpStatus, string? serverMessage)
    {
        var message = serverMessage ?? "Not found.";
        return exchange.EarlierAttemptMayHaveActed
            ? Succeeded(inputIndex, status, exchange, httpStatus, null,
                message + " An earlier attempt of this request reached the server but its answer was lost, so that attempt most likely removed it; it is gone either way.")
            : Failed(inputIndex, FailureReason.NotFound, status, exchange, httpStatus, message);
    }

    private static string DefaultMessage(int? status, string? word)
        => string.Format(CultureInfo.InvariantCulture, "The server refused the item (http_status {0}{1}).", status?.ToString(CultureInfo.InvariantCulture) ?? "none", word is null ? string.Empty : ", status " + word);
}
