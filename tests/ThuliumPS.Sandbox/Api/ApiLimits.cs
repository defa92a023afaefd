using System.Globalization;
using System.Threading.RateLimiting;

namespace ThuliumPS.Sandbox.Api;

/// <summary>
/// The sandbox's server-side limits (<c>--rate-limit</c>, <c>--max-concurrent</c>), built on
/// System.Threading.RateLimiting: a <see cref="TokenBucketRateLimiter"/> (burst = the rate, refilled continuously)
/// and a <see cref="ConcurrencyLimiter"/> without a queue. Thread-safe; <see cref="Reset"/> refills the bucket
/// (requests in progress keep their concurrency slots: they are still in progress).
/// </summary>
/// <remarks>
/// Not ASP.NET Core's rate-limiting middleware: a refused request must still pass the request log and the simulated
/// latency like every other <c>/api/</c> request (ApiGate), and a request waiting out its latency is "in progress".
/// </remarks>
internal sealed class ApiLimits : IDisposable
{
    private readonly SandboxOptions options;
    private readonly object gate = new();
    private TokenBucketRateLimiter? bucket;
    private ConcurrencyLimiter? concurrency;

    /// <summary>Creates the limiters the options ask for (none when both are 0).</summary>
    public ApiLimits(SandboxOptions options)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        bucket = NewBucket();
        concurrency = options.MaxConcurrent > 0
            ? new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrent, QueueLimit = 0 })
            : null;
    }

    /// <summary>A full token bucket (for <c>POST /_sandbox/reset</c>).</summary>
    public void Reset()
    {
        lock (gate)
        {
            bucket?.Dispose();
            bucket = NewBucket();
        }
    }

    private TokenBucketRateLimiter? NewBucket() =>
        options.RateLimit > 0
            ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RateLimit,
                    TokensPerPeriod = options.RateLimit,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    // Refilled on each request by the time elapsed (TryReplenish), so tokens come back smoothly
                    // rather than all at once on a timer tick.
                    AutoReplenishment = false,
                    QueueLimit = 0,
                })
            : null;

    /// <summary>
    /// Admits one request, or says why not. The returned admission holds the request's concurrency slot until it
    /// is disposed (when the answer is complete). The concurrency limit is checked first, so a request refused
    /// with 503 spends no token.
    /// </summary>
    public Admission Admit()
    {
        RateLimitLease? slot = null;
        if (concurrency is not null)
        {
            slot = concurrency.AttemptAcquire();
            if (!slot.IsAcquired)
            {
                slot.Dispose();
                return new Admission(null, StatusCodes.Status503ServiceUnavailable, "1",
                    $"Too many requests in progress: at most {options.MaxConcurrent} at once. Try again later.");
            }
        }

        var wait = TakeToken();
        if (wait is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            return new Admission(slot, StatusCodes.Status429TooManyRequests, seconds.ToString(CultureInfo.InvariantCulture),
                $"Rate limit exceeded: at most {options.RateLimit} requests per second. Retry after {seconds} s.");
        }

        return new Admission(slot, 0, null, null);
    }

    /// <summary>Takes a token: null when one was free (or there is no rate limit), else how long until one is.</summary>
    private TimeSpan? TakeToken()
    {
        // Under the lock: Reset may swap the bucket at any time.
        lock (gate)
        {
            if (bucket is null)
            {
                return null;
            }

            bucket.TryReplenish();
            using var token = bucket.AttemptAcquire();
            if (token.IsAcquired)
            {
                return null;
            }

            return token.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            bucket?.Dispose();
            concurrency?.Dispose();
        }
    }

    /// <summary>The verdict on one request: admitted (<see cref="Status"/> 0) or the refusal to answer.</summary>
    public sealed class Admission(RateLimitLease? slot, int status, string? retryAfter, string? message) : IDisposable
    {
        /// <summary>0 when admitted; else 429 or 503.</summary>
        public int Status { get; } = status;

        /// <summary>The Retry-After header of a refusal (whole seconds).</summary>
        public string? RetryAfter { get; } = retryAfter;

        /// <summary>The message of a refusal's error body.</summary>
        public string? Message { get; } = message;

        /// <summary>Frees the request's concurrency slot.</summary>
        public void Dispose() => slot?.Dispose();
    }
}
