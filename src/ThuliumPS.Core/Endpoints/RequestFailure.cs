using System;
using System.Globalization;
using System.Text.Json;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Resilience;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// The verdict on a request that failed as a whole — no answer, or a non-2xx answer — which every item of the
/// request shares: the place where a whole request's status or transport failure becomes a reason and a message
/// (the reason and word themselves come from <see cref="StatusTable"/>). Whether a create may have been carried
/// out depends on the request's own idempotency.
/// </summary>
internal sealed class RequestFailure
{
    /// <summary>"the item" or "the 100 items": a whole request's message is every one of its items' message.</summary>
    private static string TheItems(ThuliumRequest request) =>
        request.ItemCount == 1 ? "the item" : "the " + request.ItemCount.ToString(CultureInfo.InvariantCulture) + " items";

    /// <summary>
    /// What to do about items a create may have made: not resent, and what to check, by what the request creates
    /// (field group items are not found by a customer search).
    /// </summary>
    private static string ResendAdvice(ThuliumRequest request)
    {
        var one = request.ItemCount == 1;
        var check = request.Target.StartsWith(AddFieldGroupItemEndpoint.Resource, StringComparison.Ordinal)
            ? "the customer's items in that field group"
            : "e.g. search customers by identifier, e-mail or phone, or let New-ThuliumCustomer -ResolveUnknown do it";
        return " ThuliumPS does not resend " + (one ? "it" : "them") + ", because a resend could create duplicates: check on the server ("
            + check + ") before running " + (one ? "it" : "these items") + " again.";
    }

    private RequestFailure(OutcomeKind kind, FailureReason reason, string status, string message, int? httpStatus, string? requestId)
    {
        Kind = kind;
        Reason = reason;
        Status = status;
        Message = message;
        HttpStatus = httpStatus;
        RequestId = requestId;
    }

    /// <summary>Failed, or Unknown for a create the server may have carried out.</summary>
    public OutcomeKind Kind { get; }

    /// <summary>Why.</summary>
    public FailureReason Reason { get; }

    /// <summary>The outcome's status word.</summary>
    public string Status { get; }

    /// <summary>The message: the server's words where it gave any, the engine's explanation otherwise.</summary>
    public string Message { get; }

    /// <summary>The answer's status, when one arrived.</summary>
    public int? HttpStatus { get; }

    /// <summary>The error body's request id.</summary>
    public string? RequestId { get; }

    /// <summary>This verdict as the outcome of the item with <paramref name="index"/>.</summary>
    public ItemOutcome For(int index, int attempts) => OutcomeFactory.WholeRequest(index, Kind, Reason, Status, HttpStatus, attempts, Message, RequestId);

    /// <summary>Classifies an exchange that has no 2xx answer.</summary>
    public static RequestFailure Classify(ThuliumExchange exchange)
    {
        var idempotent = exchange.Request.IsIdempotent;
        if (exchange.StatusCode is not { } status)
        {
            return FromTransport(exchange);
        }

        var error = ResponseReader.TryReadError(exchange.Body);
        var server = ResponseReader.MessageOf(error) ?? ResponseReader.TextExcerpt(exchange.Body);
        var head = string.Format(CultureInfo.InvariantCulture, "HTTP {0} {1}", status, exchange.ReasonPhrase).TrimEnd();
        var text = server is null ? head + "." : head + ": " + server;
        if (error?.RequestId is not null)
        {
            text += " (request id " + error.RequestId + ")";
        }

        if (exchange.Attempts > 1)
        {
            text += string.Format(CultureInfo.InvariantCulture, " [after {0} attempts]", exchange.Attempts);
        }

        var (reason, word) = StatusTable.ForFailure(status);
        var kind = OutcomeKind.Failed;
        switch (status)
        {
            case >= 300 and <= 399:
                text += exchange.Location is null
                    ? " The server redirected the request; check the base URI."
                    : " The server redirected to " + exchange.Location + "; use that as the base URI (redirects are not followed, so credentials stay with the host you named).";
                break;
            case 413 or 414:
                text += " The request was too large for the server; use a smaller batch size.";
                break;
            case 429 or 503:
                text += ThrottleDetail(exchange);
                break;
            case 502 or 504 when !idempotent:
                // A gateway gave up on the server behind it, which may still have carried the create out.
                kind = OutcomeKind.Unknown;
                reason = FailureReason.OutcomeUnknown;
                word = OutcomeStatuses.Unknown;
                text += " A gateway answered in the server's place: the server may have created " + TheItems(exchange.Request) + "." + ResendAdvice(exchange.Request);
                break;
        }

        return new RequestFailure(kind, reason, word, text, status, error?.RequestId);
    }

    /// <summary>
    /// A 2xx answer whose body could not be read as the endpoint's answer. A 2xx carrying the documented error
    /// body is the server's refusal; otherwise a create may well have happened, so it is unknown.
    /// </summary>
    public static RequestFailure Unreadable(ThuliumExchange exchange, JsonException exception)
    {
        var idempotent = exchange.Request.IsIdempotent;
        var status = exchange.StatusCode;
        var error = ResponseReader.TryReadError(exchange.Body);
        if (error is not null && error.Errors is { Count: > 0 })
        {
            var message = ResponseReader.MessageOf(error) ?? "The server reported an error.";
            if (error.RequestId is not null)
            {
                message += " (request id " + error.RequestId + ")";
            }

            return new RequestFailure(OutcomeKind.Failed, FailureReason.Rejected, OutcomeStatuses.Rejected, message, status, error.RequestId);
        }

        var text = string.Format(
            CultureInfo.InvariantCulture,
            "The server answered HTTP {0}, but the answer could not be read ({1}).",
            status,
            exception.Message);
        return idempotent
            ? new RequestFailure(OutcomeKind.Failed, FailureReason.Transport, OutcomeStatuses.TransportError, text, status, null)
            : new RequestFailure(OutcomeKind.Unknown, FailureReason.OutcomeUnknown, OutcomeStatuses.Unknown, text + " The server may have created " + TheItems(exchange.Request) + "." + ResendAdvice(exchange.Request), status, null);
    }

    private static RequestFailure FromTransport(ThuliumExchange exchange)
    {
        var idempotent = exchange.Request.IsIdempotent;
        var kind = exchange.Failure ?? TransportFailureKind.ConnectionLost;
        var detail = exchange.Exception?.GetBaseException().Message ?? "no details";
        var attempts = exchange.Attempts > 1
            ? string.Format(CultureInfo.InvariantCulture, " [after {0} attempts]", exchange.Attempts)
            : string.Empty;

        switch (kind)
        {
            case TransportFailureKind.ConnectionNotEstablished:
                return new RequestFailure(OutcomeKind.Failed, FailureReason.Transport, OutcomeStatuses.TransportError,
                    "Could not connect to the server (" + detail + "); nothing was sent." + attempts, null, null);
            case TransportFailureKind.SecureChannel:
                return new RequestFailure(OutcomeKind.Failed, FailureReason.Transport, OutcomeStatuses.TransportError,
                    "The secure connection could not be established (" + detail + "); nothing was sent. " + SecureChannelAdvice(exchange.CertificateCheckSkipped) + attempts, null, null);
            case TransportFailureKind.Timeout when idempotent:
                return new RequestFailure(OutcomeKind.Failed, FailureReason.Timeout, OutcomeStatuses.Timeout,
                    "No answer within the timeout." + attempts, null, null);
            case TransportFailureKind.Timeout:
                return new RequestFailure(OutcomeKind.Unknown, FailureReason.OutcomeUnknown, OutcomeStatuses.Unknown,
                    "No answer within the timeout after the request was sent: the server may have created " + TheItems(exchange.Request) + "." + ResendAdvice(exchange.Request) + attempts, null, null);
            case TransportFailureKind.ConnectionLost when idempotent:
                return new RequestFailure(OutcomeKind.Failed, FailureReason.Transport, OutcomeStatuses.TransportError,
                    "The connection failed (" + detail + ")." + attempts, null, null);
            default:
                return new RequestFailure(OutcomeKind.Unknown, FailureReason.OutcomeUnknown, OutcomeStatuses.Unknown,
                    "The connection failed after the request was sent (" + detail + "): the server may have created " + TheItems(exchange.Request) + "." + ResendAdvice(exchange.Request) + attempts, null, null);
        }
    }

    // Advice for a failed TLS handshake, by what the user already gave: suggesting -SkipCertificateCheck to someone
    // who used it sends them in a circle. A plain-http server on an https:// URI fails the handshake either way.
    private static string SecureChannelAdvice(bool certificateCheckSkipped) => certificateCheckSkipped
        ? "The certificate check was already skipped (-SkipCertificateCheck), so the certificate is not the cause: check that the server speaks https on this port " +
          "(a plain http:// server cannot complete the handshake; for one on a trusted network use its http:// URI with -AllowUnencryptedAuthentication) and accepts a TLS version this system offers."
        : "If the server's certificate is self-signed or otherwise untrusted, connect with -SkipCertificateCheck (only to a server you trust); " +
          "if the server speaks plain http:// on this port, https cannot work there (use its http:// URI with -AllowUnencryptedAuthentication, on a trusted network only).";

    private static string ThrottleDetail(ThuliumExchange exchange)
    {
        if (exchange.RetryAfter is { } wait && wait > exchange.MaximumRetryWait)
        {
            return " The server asked to wait " + RetryAfterReader.Format(wait) + " (Retry-After) before retrying, longer than the maximum retry wait of " +
                   RetryAfterReader.Format(exchange.MaximumRetryWait) + ", so ThuliumPS did not wait: run these items again later or raise the maximum retry wait.";
        }

        return exchange.RetryAfter is { } asked
            ? " The server is still throttling (it asked to wait " + RetryAfterReader.Format(asked) + "); run these items again later."
            : " The server is still throttling; run these items again later.";
    }
}
