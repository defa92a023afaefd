using System;
using System.Globalization;
using System.Net.Http;
using Polly;
using ThuliumPS.Core.Http;

namespace ThuliumPS.Core.Resilience;

/// <summary>
/// Which outcomes are retried, by the request's method. Idempotent requests (deletes) are retried on 408, 429, 500, 502,
/// 503, 504, connection failures and per-attempt timeouts. Non-idempotent ones (creates) only when the server
/// certainly did nothing: a 429 or 503 answer, or a connection that was never established. A dropped connection,
/// a timeout or a 5xx after sending is never retried for a create, because the server may already have acted.
/// </summary>
internal static class RetryRules
{
    /// <summary>True when the outcome should be retried (before the Retry-After cap is considered).</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, bool idempotent)
    {
        if (outcome.Exception is { } exception)
        {
            // User cancellation (OperationCanceledException) is never retried; Polly's own timeout surfaces as
            // TimeoutRejectedException, which is not an OperationCanceledException.
            if (exception is OperationCanceledException || !IsTransportException(exception))
            {
                return false;
            }

            var kind = TransportFailureClassifier.Classify(exception);
            if (kind == TransportFailureKind.SecureChannel)
            {
                return false; // a certificate problem does not fix itself
            }

            return idempotent || kind == TransportFailureKind.ConnectionNotEstablished;
        }

        var status = (int)outcome.Result!.StatusCode;
        return idempotent
            ? status is 408 or 429 or 500 or 502 or 503 or 504
            : status is 429 or 503;
    }

    /// <summary>
    /// True when the failed attempt may have been carried out (answer lost, or a 500/502/504 that may follow
    /// partial work); false for refusals that mean "not processed" (408, 429, 503) and for connect failures.
    /// </summary>
    public static bool MayHaveActed(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            return !TransportFailureClassifier.NeverReachedServer(TransportFailureClassifier.Classify(exception));
        }

        return (int)outcome.Result!.StatusCode is 500 or 502 or 504;
    }

    /// <summary>Why an attempt failed, for the retry log line.</summary>
    public static string Describe(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            return TransportFailureClassifier.Classify(exception) switch
            {
                TransportFailureKind.Timeout => "timed out",
                TransportFailureKind.ConnectionNotEstablished => "could not connect (" + exception.GetBaseException().Message + ")",
                _ => "connection failed (" + exception.GetBaseException().Message + ")",
            };
        }

        var response = outcome.Result!;
        return string.Format(CultureInfo.InvariantCulture, "HTTP {0} {1}", (int)response.StatusCode, response.ReasonPhrase);
    }

    private static bool IsTransportException(Exception exception)
        => exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TimeoutException or System.IO.IOException;
}
