using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Resilience;
using Xunit;

namespace ThuliumPS.Core.Tests.Bulk;

/// <summary>A run's outcome counts and its progress line: counts by kind and status, percent only with a known total, throttling.</summary>
public sealed class RunStatisticsTests
{
    private static RunStatistics Recorded(params ItemOutcome[] outcomes)
    {
        var statistics = new RunStatistics(new RequestCounters());
        foreach (var outcome in outcomes)
        {
            statistics.Record(outcome);
        }

        return statistics;
    }

    private static ItemOutcome[] Mixed() =>
    [
        OutcomeFactory.Invalid(0, "bad row"),
        OutcomeFactory.NotSent(1, OutcomeStatuses.WhatIf, "rehearsed"),
        OutcomeFactory.NotSent(2, OutcomeStatuses.WhatIf, "rehearsed"),
        OutcomeFactory.Cancelled(3),
    ];

    [Fact]
    public void Outcomes_are_counted_by_kind_and_by_status()
    {
        var statistics = Recorded(Mixed());

        Assert.Equal(4, statistics.Total);
        Assert.Equal(2, statistics.NotSent);
        Assert.Equal(statistics.Total, statistics.Succeeded + statistics.Failed + statistics.Unknown + statistics.NotSent);
        Assert.Equal(2, statistics.ByStatus[OutcomeStatuses.WhatIf]);
        Assert.Equal(statistics.Total, statistics.ByStatus.Values.Sum());
    }

    [Fact]
    public void Progress_with_a_known_total_has_a_percentage_and_counts()
    {
        var progress = new RunProgress(Recorded(Mixed()), knownTotal: 8);

        Assert.Equal(50, progress.PercentComplete());
        Assert.StartsWith("4 of 8 done: ", progress.Status(), StringComparison.Ordinal);
        Assert.Contains("2 not sent", progress.Status(), StringComparison.Ordinal);
        Assert.Matches(@"; \d+ rows/s$", progress.Status());
    }

    [Fact]
    public void Progress_without_a_known_total_has_counts_only()
    {
        var progress = new RunProgress(Recorded(Mixed()), knownTotal: null);

        Assert.Equal(-1, progress.PercentComplete());
        Assert.Equal(-1, progress.SecondsRemaining());
        Assert.StartsWith("4 done: ", progress.Status(), StringComparison.Ordinal);
    }

    [Fact]
    public void Updates_are_due_at_once_then_at_most_once_per_interval()
    {
        var progress = new RunProgress(Recorded(), knownTotal: null, interval: TimeSpan.FromMilliseconds(200));

        Assert.True(progress.Due());
        var dueAgain = Enumerable.Range(0, 100_000).Count(_ => progress.Due());
        Thread.Sleep(250);

        Assert.True(dueAgain <= 1, dueAgain + " updates within a burst");
        Assert.True(progress.Due());
    }
}
