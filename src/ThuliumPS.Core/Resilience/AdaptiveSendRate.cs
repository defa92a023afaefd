using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Resilience;

/// <summary>
/// The pace of one connection's requests, shared by every command and runspace that sends through it. Until the
/// server first asks to slow down (429 or 503) it does nothing: requests go as fast as the commands'
/// -ThrottleLimit lets them. From then on it paces every attempt through a token bucket whose rate adapts in the
/// spirit of the AWS SDKs' "adaptive" retry mode (CUBIC): a throttling answer lowers the rate below what the
/// server accepted over the last second, and each success lets it grow back — slowly near the rate that was
/// throttled, faster past it — so the sender settles just under what the server accepts. A <c>Retry-After</c>
/// pauses all of the connection's senders, not only the request that got it.
/// </summary>
/// <remarks>
/// Unlike the AWS limiter, which cuts the rate it was attempting to 70 %, this one cuts the rate the server
/// accepted (answers that were not throttled, over the last second) to 90 %: that measure already excludes what
/// was refused, so a smaller cut lands just under the server's limit, and probing above it again is slower
/// (scale constant 0.1, not 0.4). Every throttle costs a whole pause of every sender (a Retry-After is at least a
/// second), so few throttles matter more here than quick probing. Floor 0.5 requests/s; a new rate is never above
/// twice the accepted one. Thread-safe; waits honour cancellation.
/// </remarks>
public sealed class AdaptiveSendRate
{
    private const double Beta = 0.9;
    private const double ScaleConstant = 0.1;
    private const double MinimumRate = 0.5;

    // The window over which the accepted rate is counted.
    private const double Window = 1.0;

    // A raise is reported once it is this much above the rate last reported, so -Verbose gets one line per real
    // change, not one per request.
    private const double ReportedRaise = 1.25;

    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly long origin;

    private bool enabled;
    private double fillRate;
    private double capacity;
    private double tokens;
    private double lastRefill;
    private double lastMaxRate;
    private double lastThrottle;
    private double timeWindow;
    private double reportedRate;

    // When each answer that was not throttled arrived, for the last Window seconds.
    private readonly System.Collections.Generic.Queue<double> accepted = new();
    private double pausedUntil;

    /// <summary>Creates the pace of a new connection: unlimited until the server first throttles.</summary>
    public AdaptiveSendRate(TimeProvider? timeProvider = null)
    {
        time = timeProvider ?? TimeProvider.System;
        origin = time.GetTimestamp();
    }

    /// <summary>The requests per second currently allowed; null while no throttling has been seen.</summary>
    public double? RequestsPerSecond
    {
        get
        {
            lock (gate)
            {
                return enabled ? fillRate : null;
            }
        }
    }

    /// <summary>
    /// Waits until this attempt may be sent: past any pause a <c>Retry-After</c> asked for, and, once throttling
    /// has been seen, until the bucket has a token for it.
    /// </summary>
    /// <returns>When the turn was given, to hand back to <see cref="OnAnswer"/>.</returns>
    public async Task<TimeSpan> WaitTurnAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        double turn;
        lock (gate)
        {
            var now = Now();
            var pause = Math.Max(0, pausedUntil - now);
            var pacing = 0.0;
            if (enabled)
            {
                Refill(now + pause);

                // The token is taken now and may go negative: later callers queue behind it, each waiting for its
                // own share of the rate, so no two of them wake for the same token.
                tokens -= 1;
                pacing = tokens < 0 ? -tokens / fillRate : 0;
            }

            wait = TimeSpan.FromSeconds(pause + pacing);
            turn = now + pause + pacing;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        return TimeSpan.FromSeconds(turn);
    }

    /// <summary>
    /// Learns from one answer: a throttling status (429, 503) lowers the rate and, with a <c>Retry-After</c>,
    /// pauses every sender of the connection; any other answer lets the rate grow back.
    /// </summary>
    /// <param name="status">The answer's HTTP status.</param>
    /// <param name="retryAfter">The wait the server asked for, if any.</param>
    /// <param name="turn">When the attempt was sent (what <see cref="WaitTurnAsync"/> returned).</param>
    /// <param name="log">Where a change of rate is reported (the command whose request saw it).</param>
    /// <param name="longestPause">
    /// The longest the connection pauses for one Retry-After (the request's -MaximumRetryWaitSec): a server asking
    /// for more fails the item that got it, and must not hold every other request of the connection for that long.
    /// </param>
    public void OnAnswer(int status, TimeSpan? retryAfter, TimeSpan turn, IEngineLog log, TimeSpan? longestPause = null)
    {
        if (log is null) throw new ArgumentNullException(nameof(log));
        var pauseFor = retryAfter is { } wanted && longestPause is { } longest && wanted > longest ? longest : retryAfter;
        string? report = null;
        lock (gate)
        {
            var now = Now();
            var throttled = status is 429 or 503;
            if (!throttled)
            {
                accepted.Enqueue(now);
            }

            while (accepted.Count > 0 && accepted.Peek() <= now - Window)
            {
                accepted.Dequeue();
            }

            var acceptedRate = accepted.Count / Window;
            double calculated;
            if (throttled && enabled && turn.TotalSeconds < lastThrottle)
            {
                // Sent before the last cut: this answer tells of the same congestion, so it extends the pause but
                // does not cut the rate again (several requests in flight would otherwise cut it several times).
                if (pauseFor is { } again && again > TimeSpan.Zero)
                {
                    pausedUntil = Math.Max(pausedUntil, now + again.TotalSeconds);
                }
            }
            else if (throttled)
            {
                var rateToUse = enabled ? Math.Min(acceptedRate, fillRate) : acceptedRate;
                lastMaxRate = rateToUse;
                timeWindow = Math.Pow(lastMaxRate * (1 - Beta) / ScaleConstant, 1.0 / 3);
                lastThrottle = now;
                calculated = rateToUse * Beta;
                var wasEnabled = enabled;
                var before = fillRate;
                enabled = true;
                if (pauseFor is { } pause && pause > TimeSpan.Zero)
                {
                    pausedUntil = Math.Max(pausedUntil, now + pause.TotalSeconds);
                }

                SetRate(Math.Min(calculated, 2 * acceptedRate), now);
                var lastReported = reportedRate;
                reportedRate = fillRate;
                report = string.Format(
                    CultureInfo.InvariantCulture,
                    "The server asked to slow down (HTTP {0}{1}): {2}this connection now sends at most {3:0.#} requests/s{4}.",
                    status,
                    retryAfter is { } asked ? ", Retry-After " + RetryAfterReader.Format(asked) : string.Empty,
                    pauseFor is { } p && p > TimeSpan.Zero
                        ? "all its requests pause for " + RetryAfterReader.Format(p) + (p < retryAfter ? " (the longest wait allowed)" : string.Empty) + ", and "
                        : string.Empty,
                    fillRate,
                    WasPart(wasEnabled, before, lastReported));
            }
            else if (enabled)
            {
                calculated = (ScaleConstant * Math.Pow(now - lastThrottle - timeWindow, 3)) + lastMaxRate;
                SetRate(Math.Min(calculated, (2 * acceptedRate) + 1), now);
                if (fillRate >= reportedRate * ReportedRaise)
                {
                    report = string.Format(
                        CultureInfo.InvariantCulture,
                        "No throttling for {0:0.#} s: this connection now sends at most {1:0.#} requests/s (was {2:0.#}).",
                        now - lastThrottle,
                        fillRate,
                        reportedRate);
                    reportedRate = fillRate;
                }
            }
        }

        if (report is not null)
        {
            log.Verbose(report);
        }
    }

    /// <summary>
    /// What a cut's line says of the rate before it. Raises under <see cref="ReportedRaise"/> write no line, so the
    /// rate cut may be above the last one reported; then the line says so, and a reader of -Verbose can follow the
    /// rate from line to line.
    /// </summary>
    private static string WasPart(bool wasLimited, double before, double lastReported)
    {
        if (!wasLimited)
        {
            return " (it was not limited before)";
        }

        var was = before.ToString("0.#", CultureInfo.InvariantCulture);
        var reported = lastReported.ToString("0.#", CultureInfo.InvariantCulture);
        return was == reported
            ? " (was " + was + ")"
            : " (was " + was + "; it had risen from " + reported + " since the last report)";
    }

    private double Now() => time.GetElapsedTime(origin).TotalSeconds;

    private void SetRate(double requestsPerSecond, double now)
    {
        Refill(now);
        fillRate = Math.Max(requestsPerSecond, MinimumRate);
        capacity = Math.Max(requestsPerSecond, 1);
        tokens = Math.Min(tokens, capacity);
    }

    private void Refill(double now)
    {
        if (now > lastRefill)
        {
            tokens = Math.Min(capacity, tokens + ((now - lastRefill) * fillRate));
            lastRefill = now;
        }
    }
}
