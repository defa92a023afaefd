using Polly;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;

namespace ThuliumPS.Core.Resilience;

/// <summary>
/// Per-request bookkeeping carried through the pipeline in the <see cref="ResilienceContext"/>: how many attempts
/// were made (for <c>ItemOutcome.Attempts</c>), whether a retried attempt may have reached the server, and where to
/// log. Attempts of one request run one after another, so no synchronisation is needed.
/// </summary>
internal sealed class AttemptTracker
{
    /// <summary>The key under which the tracker travels in the context.</summary>
    public static readonly ResiliencePropertyKey<AttemptTracker> Key = new("ThuliumPS.AttemptTracker");

    /// <summary>Creates a tracker.</summary>
    public AttemptTracker(ThuliumRequest request, IEngineLog log, RequestCounters? counters = null)
    {
        Request = request;
        Log = log;
        Counters = counters;
    }

    /// <summary>The request being attempted.</summary>
    public ThuliumRequest Request { get; }

    /// <summary>Where retries are reported.</summary>
    public IEngineLog Log { get; }

    /// <summary>The run's counters this request adds to (null outside a run); shared by concurrent requests, hence thread-safe.</summary>
    public RequestCounters? Counters { get; }

    /// <summary>Attempts started so far.</summary>
    public int Attempts { get; set; }

    /// <summary>True once an attempt that was retried may have been carried out by the server.</summary>
    public bool EarlierAttemptMayHaveActed { get; set; }
}
