using System;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ThuliumPS.Core.Connection;

namespace ThuliumPS.Core.Resilience;

/// <summary>
/// Builds the Polly pipelines of a connection: retry (outer), then pacing by the connection's
/// <see cref="AdaptiveSendRate"/>, then a per-attempt timeout (inner). One pipeline
/// for idempotent and one for non-idempotent requests, built once per client and shared by all its requests;
/// per-request state travels in the context (<see cref="AttemptTracker"/>).
/// </summary>
internal static class ThuliumPipelineFactory
{
    // Polly's timeout strategy accepts at most one day; a longer (or infinite) timeout means "no timeout".
    private static readonly TimeSpan LongestPollyTimeout = TimeSpan.FromDays(1);

    /// <summary>Creates the pipeline for one kind of request.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(ThuliumConnectionSettings settings, bool idempotent, TimeProvider timeProvider, AdaptiveSendRate pace)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        var maximumWait = settings.MaximumRetryWait;

        // Polly requires MaxRetryAttempts >= 1, so "no retries" is simply no retry strategy.
        if (settings.MaximumRetryCount > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaximumRetryCount,
                Delay = settings.RetryInterval,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = maximumWait,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, idempotent, maximumWait, timeProvider)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Result is { } response ? RetryAfterReader.Read(response, timeProvider.GetUtcNow()) : null),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(AttemptTracker.Key, out var tracker))
                    {
                        tracker.EarlierAttemptMayHaveActed |= RetryRules.MayHaveActed(args.Outcome);

                        // RetryDelay is the wait Polly is about to make; it is the server's when the answer named one
                        // (DelayGenerator above returns Retry-After as the delay).
                        tracker.Counters?.Retrying(
                            args.RetryDelay,
                            args.Outcome.Result is { } answer && RetryAfterReader.Read(answer, timeProvider.GetUtcNow()) is not null);
                        tracker.Log.Verbose(string.Format(
                            CultureInfo.InvariantCulture,
                            "{0}: attempt {1} of {2} {3}; retrying in {4}.",
                            tracker.Request.LogSubject,
                            args.AttemptNumber + 1,
                            settings.MaximumRetryCount + 1,
                            RetryRules.Describe(args.Outcome),
                            RetryAfterReader.Format(args.RetryDelay)));
                    }

                    return default;
                },
            });
        }

        builder.AddStrategy(_ => new PacingStrategy(pace, timeProvider, maximumWait), new PacingOptions());

        if (settings.Timeout > TimeSpan.Zero && settings.Timeout <= LongestPollyTimeout)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.Timeout });
        }

        return builder.Build();
    }

    /// <summary>The pacing step takes no options of its own; Polly asks for an options object anyway.</summary>
    private sealed class PacingOptions : ResilienceStrategyOptions
    {
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, bool idempotent, TimeSpan maximumWait, TimeProvider timeProvider)
    {
        if (context.CancellationToken.IsCancellationRequested || !RetryRules.IsTransient(outcome, idempotent))
        {
            return false;
        }

        // A server asking for a longer pause than the user allows is not waited for: the items fail as
        // throttled (naming the wait) instead of an unattended job hanging for an unbounded time.
        if (outcome.Result is { } response
            && RetryAfterReader.Read(response, timeProvider.GetUtcNow()) is { } wait
            && wait > maximumWait)
        {
            if (context.Properties.TryGetValue(AttemptTracker.Key, out var tracker))
            {
                tracker.Log.Verbose(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}: the server asked to wait {1} (Retry-After), longer than the maximum retry wait of {2}; not retrying.",
                    tracker.Request.Description,
                    RetryAfterReader.Format(wait),
                    RetryAfterReader.Format(maximumWait)));
            }

            return false;
        }

        return true;
    }
}
