using System;
using System.Threading;

namespace ThuliumPS.Core.Resilience;

/// <summary>
/// What one run's requests cost: HTTP attempts sent, retries, and time spent waiting between attempts (all of it,
/// and the part a server asked for with <c>Retry-After</c>). Counted where it happens — the client counts each
/// attempt, the retry strategy each retry and its wait — from the background tasks that send, so every counter is
/// updated with <see cref="Interlocked"/> and may be read from any thread at any time.
/// </summary>
/// <remarks>
/// A client (and so its pipelines) is shared by every command on a connection, so it cannot hold one command's
/// counts. A run's counters travel with its sends instead, as ambient state of the async flow (<see cref="Current"/>):
/// the runner sets it at the top of each background send, the client picks it up for each request. Requests made
/// outside a run (Connect-Thulium's credential check) count nowhere.
/// </remarks>
public sealed class RequestCounters
{
    private static readonly AsyncLocal<RequestCounters?> Ambient = new();

    private long requestsSent;
    private long retries;
    private long retryWaitTicks;
    private long retryAfterWaitTicks;

    /// <summary>The counters of the run whose send is executing on this async flow, if any.</summary>
    internal static RequestCounters? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>HTTP attempts started (a retried request counts once per attempt).</summary>
    public long RequestsSent => Interlocked.Read(ref requestsSent);

    /// <summary>Attempts that were retries of an earlier one (so first attempts = <see cref="RequestsSent"/> − this).</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>The delays waited before retries, summed over all requests (concurrent waits add up).</summary>
    public TimeSpan RetryWait => TimeSpan.FromTicks(Interlocked.Read(ref retryWaitTicks));

    /// <summary>The part of <see cref="RetryWait"/> that a server asked for with <c>Retry-After</c>.</summary>
    public TimeSpan RetryAfterWait => TimeSpan.FromTicks(Interlocked.Read(ref retryAfterWaitTicks));

    /// <summary>One attempt is about to be sent.</summary>
    internal void AttemptStarted() => Interlocked.Increment(ref requestsSent);

    /// <summary>A retry was decided: it will wait <paramref name="delay"/>, which the server asked for when <paramref name="serverAsked"/>.</summary>
    internal void Retrying(TimeSpan delay, bool serverAsked)
    {
        Interlocked.Increment(ref retries);
        var ticks = delay < TimeSpan.Zero ? 0 : delay.Ticks;
        Interlocked.Add(ref retryWaitTicks, ticks);
        if (serverAsked)
        {
            Interlocked.Add(ref retryAfterWaitTicks, ticks);
        }
    }
}
