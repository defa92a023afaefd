using System;
using System.Collections.Generic;
using System.Diagnostics;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Resilience;

namespace ThuliumPS.Core.Bulk;

/// <summary>
/// One command run in numbers: its outcomes by kind and by status word, as they are released to the caller, plus
/// the run's <see cref="RequestCounters"/> and its clock. The source of both the progress line and the run summary.
/// </summary>
/// <remarks>
/// <see cref="Record"/> is called by the one thread that drives the run (the pipeline thread), as each outcome is
/// written, so the counts always match the results written so far and need no lock. The request counters are
/// filled by the background sends and are thread-safe on their own.
/// </remarks>
public sealed class RunStatistics
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly SortedDictionary<string, int> byStatus = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts the run's clock now.</summary>
    /// <param name="requests">The run's request counters (<see cref="BulkRunner{TItem}.Requests"/>).</param>
    public RunStatistics(RequestCounters requests)
    {
        Requests = requests ?? throw new ArgumentNullException(nameof(requests));
        StartedAt = DateTimeOffset.Now;
    }

    /// <summary>The run's requests, retries and retry waits.</summary>
    public RequestCounters Requests { get; }

    /// <summary>When the run started (local time with offset).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Time since the run started (monotonic).</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Outcomes recorded so far: one per input item written.</summary>
    public int Total { get; private set; }

    /// <summary>Outcomes of kind <see cref="OutcomeKind.Succeeded"/>.</summary>
    public int Succeeded { get; private set; }

    /// <summary>Outcomes of kind <see cref="OutcomeKind.Failed"/>.</summary>
    public int Failed { get; private set; }

    /// <summary>Outcomes of kind <see cref="OutcomeKind.Unknown"/>.</summary>
    public int Unknown { get; private set; }

    /// <summary>Outcomes of kind <see cref="OutcomeKind.NotSent"/>.</summary>
    public int NotSent { get; private set; }

    /// <summary>Outcomes by status word (Created, Deleted, NotFound, WhatIf …), sorted by the word.</summary>
    public IReadOnlyDictionary<string, int> ByStatus => byStatus;

    /// <summary>Counts one outcome (caller's thread only; see the remarks).</summary>
    public void Record(ItemOutcome outcome)
    {
        if (outcome is null) throw new ArgumentNullException(nameof(outcome));
        Total++;
        switch (outcome.Kind)
        {
            case OutcomeKind.Succeeded: Succeeded++; break;
            case OutcomeKind.Unknown: Unknown++; break;
            case OutcomeKind.NotSent: NotSent++; break;
            default: Failed++; break;
        }

        byStatus.TryGetValue(outcome.Status, out var count);
        byStatus[outcome.Status] = count + 1;
    }

    /// <summary>Outcomes per second of <paramref name="elapsed"/>; 0 before any time has passed.</summary>
    public double RowsPerSecond(TimeSpan elapsed) => elapsed > TimeSpan.Zero ? Total / elapsed.TotalSeconds : 0;
}
