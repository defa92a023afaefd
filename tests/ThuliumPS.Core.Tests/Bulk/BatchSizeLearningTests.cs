// The runner is driven synchronously, as PowerShell's pipeline thread drives it; blocking waits are the point here.
#pragma warning disable xUnit1031
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Tests.Bulk;

/// <summary>
/// The runner lowers the batch size only on proof that the size was the problem (issue 7): both halves of a
/// refused batch accepted. A bad item that gets every request holding it refused must not shrink the run.
/// </summary>
public sealed class BatchSizeLearningTests
{
    private const string Learned = "sending batches of at most";

    private static (List<ItemOutcome> Outcomes, List<string> Lines) Run(FakeEndpoint endpoint, IEnumerable<string> items, int batchSize)
    {
        using var runner = new BulkRunner<string>(endpoint, new BulkOptions { BatchSize = batchSize, MaxConcurrentRequests = 1 }, new EngineMessageQueue(), CancellationToken.None);
        foreach (var item in items)
        {
            runner.Enqueue(item);
        }

        var events = runner.Complete().ToList();
        return (events.Where(e => e.Outcome is not null).Select(e => e.Outcome!).ToList(), events.Where(e => e.Message is not null).Select(e => e.Message!.Text).ToList());
    }

    [Fact]
    public void A_bad_item_refusing_every_request_that_holds_it_never_shrinks_the_batch_size()
    {
        var endpoint = new FakeEndpoint { RefuseWhole = items => items.Contains("bad") ? 400 : null };
        var items = Enumerable.Range(0, 300).Select(i => i == 5 ? "bad" : "i" + i).ToList();

        var (outcomes, lines) = Run(endpoint, items, batchSize: 100);

        Assert.Equal(Enumerable.Range(0, 300), outcomes.Select(o => o.InputIndex));
        Assert.Equal([5], outcomes.Where(o => !o.Succeeded).Select(o => o.InputIndex));
        Assert.DoesNotContain(lines, l => l.Contains(Learned, StringComparison.Ordinal));
        // The second and third hundred go whole, as planned.
        Assert.Equal([100, 100], endpoint.Sent.TakeLast(2).Select(s => s.Length));
    }

    [Fact]
    public void A_refused_pair_whose_halves_both_pass_means_one_item_per_request()
    {
        var endpoint = new FakeEndpoint { RefuseWhole = items => items.Length > 1 ? 400 : null };

        var (outcomes, lines) = Run(endpoint, ["a", "b", "c", "d", "e", "f"], batchSize: 2);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        Assert.Equal([2, 1, 1, 1, 1, 1, 1], endpoint.Sent.Select(s => s.Length));
        Assert.Single(lines, l => l.Contains("refused batches of 2 items (HTTP 400) and accepted 1; sending batches of at most 1 from now on", StringComparison.Ordinal));
    }

    [Fact]
    public void A_413_teaches_the_larger_half_and_batches_planned_before_are_cut_to_it()
    {
        var endpoint = new FakeEndpoint { RefuseWhole = items => items.Length > 5 ? 413 : null };

        // The first request is held until the second batch has been planned at the old size; otherwise, on a busy
        // machine, the first answer could come back before the second batch is planned, and it would be planned at
        // the learned size already.
        var first = endpoint.Gates["i0"] = new TaskCompletionSource();
        using var runner = new BulkRunner<string>(endpoint, new BulkOptions { BatchSize = 9, MaxConcurrentRequests = 1 }, new EngineMessageQueue(), CancellationToken.None);
        var feeding = Task.Run(() =>
        {
            foreach (var item in Enumerable.Range(0, 27).Select(i => "i" + i))
            {
                runner.Enqueue(item);
            }
        });
        Assert.True(SpinWait.SpinUntil(() => runner.Count >= 18, TimeSpan.FromSeconds(5)));
        first.SetResult();
        feeding.Wait();
        var events = runner.Complete().ToList();
        var outcomes = events.Where(e => e.Outcome is not null).Select(e => e.Outcome!).ToList();
        var lines = events.Where(e => e.Message is not null).Select(e => e.Message!.Text).ToList();

        Assert.Equal(Enumerable.Range(0, 27), outcomes.Select(o => o.InputIndex));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        // 9 refused → 4 + 5 accepted: batches of 5 from then on, including the one planned while the first was out.
        Assert.Equal([9, 4, 5, 5, 4, 5, 4], endpoint.Sent.Select(s => s.Length));
        Assert.Single(lines, l => l.Contains(Learned + " 5 ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_planner_never_raises_the_batch_size_and_reports_only_a_change()
    {
        var planner = new BatchPlanner<string>(new FakeEndpoint(), new BulkOptions { BatchSize = 100 });

        Assert.True(planner.LowerBatchSize(50));
        Assert.False(planner.LowerBatchSize(50));
        Assert.False(planner.LowerBatchSize(70));
        Assert.True(planner.LowerBatchSize(0));
        Assert.Equal(1, planner.BatchSize);
    }
}
