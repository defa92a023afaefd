using System;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Resilience;

/// <summary>
/// The pipeline step between the retries and the per-attempt timeout that makes every attempt wait for its turn
/// in the connection's <see cref="AdaptiveSendRate"/>, and tells it what the server answered. It sits inside the
/// retries, so a retried attempt is paced too, and outside the timeout, so time spent waiting for a turn never
/// counts against an attempt (a create that was never sent must not end as "no answer within the timeout").
/// </summary>
internal sealed class PacingStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly AdaptiveSendRate pace;
    private readonly TimeProvider time;
    private readonly TimeSpan maximumWait;

    /// <param name="pace">The connection's pace.</param>
    /// <param name="time">The clock.</param>
    /// <param name="maximumWait">
    /// The longest wait the user allows (-MaximumRetryWaitSec). A Retry-After above it fails the item that got it,
    /// and pauses the connection's other requests for no longer than this: otherwise one answer asking for an hour
    /// would hold every command on the connection for that hour (and a huge one broke the wait itself).
    /// </param>
    public PacingStrategy(AdaptiveSendRate pace, TimeProvider time, TimeSpan maximumWait)
    {
        this.pace = pace;
        this.time = time;
        this.maximumWait = maximumWait;
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        TimeSpan turn;
        try
        {
            turn = await pace.WaitTurnAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException error)
        {
            // Strategies hand failures on as outcomes; the retry step sees a cancelled token and stops.
            return Outcome.FromException<HttpResponseMessage>(error);
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is { } response)
        {
            var log = context.Properties.TryGetValue(AttemptTracker.Key, out var tracker) ? tracker.Log : NullEngineLog.Instance;
            pace.OnAnswer((int)response.StatusCode, RetryAfterReader.Read(response, time.GetUtcNow()), turn, log, maximumWait);
        }

        return outcome;
    }
}
