using System;
using System.Net.Http;

namespace ThuliumPS.Core.Http;

/// <summary>
/// What one logical request (all its attempts) ended with: either an answer (any status but 401/403, which throw)
/// or a transport failure. Internal: the endpoints turn it into item outcomes.
/// </summary>
internal sealed class ThuliumExchange
{
    private ThuliumExchange(ThuliumRequest request)
    {
        Request = request;
    }

    /// <summary>The request.</summary>
    public ThuliumRequest Request { get; }

    /// <summary>The answer's status, or null when no answer arrived.</summary>
    public int? StatusCode { get; private init; }

    /// <summary>The answer's reason phrase.</summary>
    public string? ReasonPhrase { get; private init; }

    /// <summary>The answer's body (empty when none).</summary>
    public byte[] Body { get; private init; } = Array.Empty<byte>();

    /// <summary>The wait the server asked for (Retry-After), if any.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>The Location of a redirect answer.</summary>
    public Uri? Location { get; private init; }

    /// <summary>How the request failed when no answer arrived.</summary>
    public TransportFailureKind? Failure { get; private init; }

    /// <summary>The exception behind <see cref="Failure"/>.</summary>
    public Exception? Exception { get; private init; }

    /// <summary>HTTP attempts made (1 + retries).</summary>
    public int Attempts { get; private init; }

    /// <summary>
    /// True when an earlier attempt that was retried may have been carried out by the server (its answer was
    /// lost or it failed with a 500/502/504), so e.g. a delete's NOT_EXIST may be that attempt's doing.
    /// </summary>
    public bool EarlierAttemptMayHaveActed { get; private init; }

    /// <summary>True when the connection skips the certificate check, so a failed handshake is not about the certificate.</summary>
    public bool CertificateCheckSkipped { get; private init; }

    /// <summary>The connection's longest accepted wait, for throttling messages.</summary>
    public TimeSpan MaximumRetryWait { get; private init; }

    /// <summary>True for a 2xx answer.</summary>
    public bool IsSuccessStatus => StatusCode is >= 200 and <= 299;

    /// <summary>An exchange that ended with an answer.</summary>
    public static ThuliumExchange FromResponse(ThuliumRequest request, HttpResponseMessage response, byte[] body, TimeSpan? retryAfter, int attempts, bool earlierMayHaveActed, TimeSpan maximumRetryWait)
        => new(request)
        {
            StatusCode = (int)response.StatusCode,
            ReasonPhrase = response.ReasonPhrase,
            Body = body,
            RetryAfter = retryAfter,
            Location = response.Headers.Location,
            Attempts = attempts,
            EarlierAttemptMayHaveActed = earlierMayHaveActed,
            MaximumRetryWait = maximumRetryWait,
        };

    /// <summary>An exchange that ended without an answer.</summary>
    public static ThuliumExchange FromFailure(ThuliumRequest request, TransportFailureKind failure, Exception exception, int attempts, bool earlierMayHaveActed, TimeSpan maximumRetryWait, bool certificateCheckSkipped = false)
        => new(request)
        {
            Failure = failure,
            CertificateCheckSkipped = certificateCheckSkipped,
            Exception = exception,
            Attempts = attempts,
            EarlierAttemptMayHaveActed = earlierMayHaveActed,
            MaximumRetryWait = maximumRetryWait,
        };

    /// <summary>Builds an answer without HTTP, for the pure mapping tests.</summary>
    internal static ThuliumExchange ForTest(ThuliumRequest request, int statusCode, byte[] body, int attempts = 1, bool earlierMayHaveActed = false, TimeSpan? retryAfter = null)
        => new(request)
        {
            StatusCode = statusCode,
            Body = body,
            Attempts = attempts,
            EarlierAttemptMayHaveActed = earlierMayHaveActed,
            RetryAfter = retryAfter,
            MaximumRetryWait = TimeSpan.FromSeconds(60),
        };

    /// <summary>Builds a transport failure without HTTP, for the pure mapping tests.</summary>
    internal static ThuliumExchange FailureForTest(ThuliumRequest request, TransportFailureKind failure, int attempts = 1, bool certificateCheckSkipped = false)
        => FromFailure(request, failure, new HttpRequestException("test"), attempts, false, TimeSpan.FromSeconds(60), certificateCheckSkipped);
}
