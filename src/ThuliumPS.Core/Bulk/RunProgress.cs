using System;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ThuliumPS.Core.Bulk;

/// <summary>
/// The progress line of a run: when an update is due (time-throttled, so a fast run of 200,000 rows makes a few
/// hundred updates, not 200,000), what it says, and — only when the number of inputs is known in advance — the
/// percentage and the seconds left. The caller turns it into its host's progress record.
/// </summary>
/// <remarks>Used from the thread that records the outcomes (see <see cref="RunStatistics"/>).</remarks>
public sealed class RunProgress
{
    /// <summary>The default time between two updates: about four a second, as fast as a person can read.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private readonly RunStatistics statistics;
    private readonly long intervalTicks;
    private long nextDue; // Stopwatch ticks; 0: the first outcome is shown at once, so even a short run shows its counts

    /// <summary>Creates the progress of a run.</summary>
    /// <param name="statistics">The run's counts.</param>
    /// <param name="knownTotal">How many inputs the run has, when known before it starts (an array given by parameter); null for piped input.</param>
    /// <param name="interval">The least time between two updates (<see cref="DefaultInterval"/> when null).</param>
    public RunProgress(RunStatistics statistics, int? knownTotal, TimeSpan? interval = null)
    {
        this.statistics = statistics ?? throw new ArgumentNullException(nameof(statistics));
        if (knownTotal < 0) throw new ArgumentOutOfRangeException(nameof(knownTotal));
        KnownTotal = knownTotal;
        intervalTicks = (long)((interval ?? DefaultInterval).TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>The number of inputs, when known before the run; null otherwise.</summary>
    public int? KnownTotal { get; }

    /// <summary>
    /// True when an update should be shown now: at the first call, then at most once per interval. Costs one clock
    /// read when not due, which is all it costs per row.
    /// </summary>
    public bool Due()
    {
        var now = Stopwatch.GetTimestamp();
        if (now < nextDue)
        {
            return false;
        }

        nextDue = now + intervalTicks;
        return true;
    }

    /// <summary>
    /// "120 of 500 done: 3 failed, 0 unknown; 850 rows/s" (known total) or "120 done: 3 failed, 0 unknown; 850 rows/s";
    /// items not sent (rehearsed, declined, held back) are named only when there are some.
    /// </summary>
    public string Status()
    {
        var text = new StringBuilder(64);
        text.Append(statistics.Total.ToString(CultureInfo.InvariantCulture));
        if (KnownTotal is { } total)
        {
            text.Append(" of ").Append(total.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(" done: ")
            .Append(statistics.Failed.ToString(CultureInfo.InvariantCulture)).Append(" failed, ")
            .Append(statistics.Unknown.ToString(CultureInfo.InvariantCulture)).Append(" unknown");
        if (statistics.NotSent > 0)
        {
            text.Append(", ").Append(statistics.NotSent.ToString(CultureInfo.InvariantCulture)).Append(" not sent");
        }

        text.Append("; ").Append(statistics.RowsPerSecond(statistics.Elapsed).ToString("0", CultureInfo.InvariantCulture)).Append(" rows/s");
        return text.ToString();
    }

    /// <summary>0–100 when the total is known; -1 (the host's "no percentage") otherwise.</summary>
    public int PercentComplete() =>
        KnownTotal is { } total ? total == 0 ? 100 : (int)Math.Min(100, statistics.Total * 100L / total) : -1;

    /// <summary>Seconds left at the rate so far when the total is known and some rows are done; -1 (unknown) otherwise.</summary>
    public int SecondsRemaining()
    {
        if (KnownTotal is not { } total || statistics.Total == 0)
        {
            return -1;
        }

        var rate = statistics.RowsPerSecond(statistics.Elapsed);
        if (rate <= 0)
        {
            return -1;
        }

        var left = Math.Max(0, total - statistics.Total) / rate;
        return left >= int.MaxValue ? -1 : (int)Math.Ceiling(left);
    }
}
