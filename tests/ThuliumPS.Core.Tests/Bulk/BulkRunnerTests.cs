// The runner is driven synchronously, as PowerShell's pipeline thread drives it; blocking waits are the point here.
#pragma warning disable xUnit1031
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Tests.Bulk;

public sealed class BulkRunnerTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    private static BulkRunner<string> Runner(FakeEndpoint endpoint, int batchSize = 2, int concurrency = 4, EngineMessageQueue? log = null, CancellationToken token = default) =>
        new(endpoint, new BulkOptions { BatchSize = batchSize, MaxConcurrentRequests = concurrency }, log ?? new EngineMessageQueue(), token);

    private static List<ItemOutcome> Outcomes(IEnumerable<RunnerEvent> events) => events.Where(e => e.Outcome is not null).Select(e => e.Outcome!).ToList();

    [Fact]
    public void Outcomes_come_out_in_input_order_even_when_batches_finish_out_of_order()
    {
        var endpoint = new FakeEndpoint();
        var firstBatch = new TaskCompletionSource();
        endpoint.Gates["a"] = firstBatch;
        using var runner = Runner(endpoint);

        foreach (var item in new[] { "a", "b", "c", "d", "e" })
        {
            runner.Enqueue(item);
        }

        // The second batch (c, d) completes while the first is held: nothing may be released before a and b.
        SpinWait.SpinUntil(() => endpoint.Sent.Count >= 2, Prompt);
        Thread.Sleep(50);
        Assert.Empty(Outcomes(runner.TakeReady()));
        firstBatch.SetResult();

        var outcomes = Outcomes(runner.Complete());
        Assert.Equal([0, 1, 2, 3, 4], outcomes.Select(o => o.InputIndex));
        Assert.Equal(["OK:a", "OK:b", "OK:c", "OK:d", "OK:e"], outcomes.Select(o => o.Status));
    }

    [Fact]
    public void Released_sees_each_outcome_as_it_is_released_and_what_came_back_behind_a_held_batch_stays_for_TakeUnreleased()
    {
        var endpoint = new FakeEndpoint();
        var firstBatch = new TaskCompletionSource();
        endpoint.Gates["a"] = firstBatch;
        var runner = Runner(endpoint);
        var released = new List<int>();
        runner.Released = outcome => released.Add(outcome.InputIndex);
        foreach (var item in new[] { "a", "b", "c", "d" })
        {
            runner.Enqueue(item);
        }

        // c and d come back while a and b are held: nothing is released, so nothing is seen yet.
        SpinWait.SpinUntil(() => endpoint.Sent.Count >= 2, Prompt);
        Thread.Sleep(50);
        Assert.Empty(runner.TakeReady());
        Assert.Empty(released);

        // The caller stops taking (the pipeline was stopped): the answers that came back are still there to record.
        runner.Dispose();
        var left = runner.TakeUnreleased();
        Assert.Equal([2, 3], left.Where(o => o.Status.StartsWith("OK:", StringComparison.Ordinal)).Select(o => o.InputIndex));
        Assert.Equal([0, 1], left.Where(o => o.Reason == FailureReason.Cancelled).Select(o => o.InputIndex));
        Assert.Empty(runner.TakeUnreleased());
    }

    [Fact]
    public void Outcomes_stream_before_the_input_ends()
    {
        var endpoint = new FakeEndpoint();
        using var runner = Runner(endpoint);
        runner.Enqueue("a");
        runner.Enqueue("b");

        var ready = new List<ItemOutcome>();
        SpinWait.SpinUntil(() => { ready.AddRange(Outcomes(runner.TakeReady())); return ready.Count == 2; }, Prompt);

        Assert.Equal([0, 1], ready.Select(o => o.InputIndex));
        runner.Enqueue("c");
        Assert.Equal([2], Outcomes(runner.Complete()).Select(o => o.InputIndex));
    }

    [Fact]
    public void A_local_failure_keeps_its_place_and_is_never_sent()
    {
        var endpoint = new FakeEndpoint();
        using var runner = Runner(endpoint);
        runner.Enqueue("a");
        runner.EnqueueFailure("Surname is required.");
        runner.Enqueue("c");

        var outcomes = Outcomes(runner.Complete());

        Assert.Equal([0, 1, 2], outcomes.Select(o => o.InputIndex));
        Assert.Equal((FailureReason.InvalidInput, "Surname is required.", 0), (outcomes[1].Reason, outcomes[1].Message, outcomes[1].Attempts));
        Assert.DoesNotContain(endpoint.Sent.SelectMany(s => s), i => i == "Surname is required.");
        Assert.Equal(2, endpoint.Sent.SelectMany(s => s).Count());
    }

    [Fact]
    public void Never_more_requests_in_flight_than_allowed_and_enqueue_waits_for_a_slot()
    {
        var endpoint = new FakeEndpoint();
        var gates = Enumerable.Range(0, 4).Select(i => endpoint.Gates["i" + (i * 2)] = new TaskCompletionSource()).ToList();
        using var runner = Runner(endpoint, batchSize: 2, concurrency: 2);
        for (var i = 0; i < 4; i++)
        {
            runner.Enqueue("i" + i); // two full batches: both slots taken
        }

        var third = Task.Run(() => { runner.Enqueue("i4"); runner.Enqueue("i5"); });
        Assert.False(third.Wait(200), "Enqueue should wait while every slot is busy");
        gates[0].SetResult();
        Assert.True(third.Wait(Prompt));
        gates.ForEach(g => g.TrySetResult());

        Assert.Equal(6, Outcomes(runner.Complete()).Count);
        Assert.Equal(2, endpoint.MaxInFlight);
    }

    [Fact]
    public void A_throwing_endpoint_fails_its_items_without_losing_any()
    {
        var endpoint = new FakeEndpoint { Fail = items => items.Contains("boom") ? new InvalidOperationException("bug") : null };
        using var runner = Runner(endpoint);
        foreach (var item in new[] { "a", "boom", "c" })
        {
            runner.Enqueue(item);
        }

        var outcomes = Outcomes(runner.Complete());

        Assert.Equal([OutcomeKind.Failed, OutcomeKind.Failed, OutcomeKind.Succeeded], outcomes.Select(o => o.Kind));
        Assert.Contains("bug", outcomes[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_missing_from_the_answer_fails_as_missing()
    {
        var endpoint = new FakeEndpoint { Answered = items => items.Where(i => i.Item != "b") };
        using var runner = Runner(endpoint);
        runner.Enqueue("a");
        runner.Enqueue("b");

        var outcomes = Outcomes(runner.Complete());

        Assert.Equal([FailureReason.None, FailureReason.MissingFromResponse], outcomes.Select(o => o.Reason));
    }

    [Fact]
    public void Repeated_items_are_sent_once_and_each_input_gets_the_answer()
    {
        var endpoint = new FakeEndpoint();
        using var runner = Runner(endpoint, batchSize: 10);
        foreach (var item in new[] { "13", "14", "13" })
        {
            runner.Enqueue(item);
        }

        var outcomes = Outcomes(runner.Complete());

        Assert.Equal(["OK:13", "OK:14", "OK:13"], outcomes.Select(o => o.Status));
        Assert.Equal([0, 1, 2], outcomes.Select(o => o.InputIndex));
        Assert.Equal(["13", "14"], endpoint.Sent.Single());
    }

    [Fact]
    public void Authentication_failure_stops_sending_and_surfaces_after_earlier_outcomes()
    {
        var endpoint = new FakeEndpoint { Fail = items => items.Contains("c") ? FakeEndpoint.Unauthorized() : null };
        using var runner = Runner(endpoint, concurrency: 1);
        runner.Enqueue("a");
        runner.Enqueue("b");
        runner.Enqueue("c");
        runner.Enqueue("d");

        var written = new List<ItemOutcome>();
        var error = Record.Exception(() =>
        {
            foreach (var e in runner.Complete())
            {
                written.AddRange(e.Outcome is null ? [] : [e.Outcome]); // as a cmdlet writes each as it comes
            }
        });

        Assert.IsType<Http.ThuliumAuthenticationException>(error);
        Assert.Equal(["OK:a", "OK:b"], written.Take(2).Select(o => o.Status));
        Assert.All(written.Skip(2), o => Assert.Equal(FailureReason.Unauthorized, o.Reason));
        Assert.Throws<Http.ThuliumAuthenticationException>(() => runner.Enqueue("e"));
        Assert.DoesNotContain(endpoint.Sent.SelectMany(s => s), i => i == "e");
    }

    [Fact]
    public void Authentication_failure_lets_the_requests_in_flight_answer_and_gives_each_item_held_back_a_NotSent_outcome()
    {
        var endpoint = new FakeEndpoint { Fail = items => items.Contains("b") ? FakeEndpoint.Unauthorized() : null };
        var slow = endpoint.Gates["a"] = new TaskCompletionSource();
        var runner = Runner(endpoint, batchSize: 1, concurrency: 2);
        runner.Enqueue("a"); // out, and held
        runner.Enqueue("b"); // refused: 401
        SpinWait.SpinUntil(() => endpoint.Sent.Count >= 2, Prompt);
        Thread.Sleep(50);

        Assert.Throws<Http.ThuliumAuthenticationException>(() => runner.Enqueue("c")); // c gets its outcome first
        slow.SetResult(); // a's answer comes after the refusal: it was not cancelled

        var written = new List<ItemOutcome>();
        var error = Record.Exception(() =>
        {
            foreach (var e in runner.Complete())
            {
                written.AddRange(e.Outcome is null ? [] : [e.Outcome]);
            }
        });

        Assert.IsType<Http.ThuliumAuthenticationException>(error);
        Assert.Equal([0, 1, 2], written.Select(o => o.InputIndex));
        Assert.Equal("OK:a", written[0].Status);
        Assert.Equal(FailureReason.Unauthorized, written[1].Reason);
        Assert.Equal((OutcomeKind.NotSent, OutcomeStatuses.StoppedAtFailure), (written[2].Kind, written[2].Status));
        Assert.DoesNotContain(endpoint.Sent.SelectMany(s => s), i => i == "c");
        runner.Dispose();
    }

    [Fact]
    public void Authentication_failure_while_enqueue_waits_for_a_slot_surfaces_as_itself()
    {
        // Regression guard for a race the fault matrix found: the 401 cancels the slot wait and releases the slot
        // almost at once; without the fix the waiter saw a bare cancellation in about a third of runs.
        var endpoint = new FakeEndpoint(supportsBatches: false);
        var gate = endpoint.Gates["a"] = new TaskCompletionSource();
        endpoint.Fail = items => items.Contains("a") ? FakeEndpoint.Unauthorized() : null;
        using var runner = Runner(endpoint, concurrency: 1);
        runner.Enqueue("a"); // takes the only slot and waits at the gate

        var blocked = Task.Run(() => runner.Enqueue("b")); // waits for the slot
        Thread.Sleep(100);
        gate.SetResult(); // "a" now fails with 401

        var error = Assert.ThrowsAny<Exception>(() => blocked.Wait(Prompt));
        Assert.IsType<Http.ThuliumAuthenticationException>(error.GetBaseException());
    }

    [Fact]
    public void Cancellation_returns_promptly_and_nothing_is_sent_afterwards()
    {
        var endpoint = new FakeEndpoint();
        endpoint.Gates["a"] = new TaskCompletionSource(); // never answered
        using var cancel = new CancellationTokenSource();
        var runner = Runner(endpoint, batchSize: 1, token: cancel.Token);
        runner.Enqueue("a");

        var completing = Task.Run(() => Outcomes(runner.Complete()));
        Thread.Sleep(100);
        cancel.Cancel();

        var error = Assert.ThrowsAny<Exception>(() => completing.Wait(Prompt));
        Assert.IsAssignableFrom<OperationCanceledException>(error.GetBaseException());
        Assert.ThrowsAny<OperationCanceledException>(() => runner.Enqueue("b"));
        runner.Dispose();
        Assert.Equal(["a"], endpoint.Sent.SelectMany(s => s));
    }

    [Fact]
    public void Log_lines_from_background_work_arrive_while_complete_waits()
    {
        var log = new EngineMessageQueue();
        var endpoint = new FakeEndpoint();
        var gate = endpoint.Gates["a"] = new TaskCompletionSource();
        using var runner = Runner(endpoint, log: log);
        runner.Enqueue("a");

        using var events = runner.Complete().GetEnumerator();
        var next = Task.Run(() => events.MoveNext());
        Thread.Sleep(100);
        log.Verbose("retry 1 of 5 in 1 s");

        Assert.True(next.Wait(Prompt), "a log line should wake Complete()");
        Assert.Equal("retry 1 of 5 in 1 s", events.Current.Message?.Text);
        gate.SetResult();
        Assert.True(events.MoveNext());
        Assert.Equal(0, events.Current.Outcome?.InputIndex);
    }

    [Fact]
    public void A_batch_refused_as_a_whole_is_split_down_to_the_bad_item()
    {
        var endpoint = new FakeEndpoint { RefuseWhole = items => items.Contains("bad") ? 400 : null };
        using var runner = Runner(endpoint, batchSize: 8);
        foreach (var item in new[] { "a", "b", "c", "bad", "e", "f", "g", "h" })
        {
            runner.Enqueue(item);
        }

        var outcomes = Outcomes(runner.Complete());

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], outcomes.Select(o => o.InputIndex));
        Assert.Equal([3], outcomes.Where(o => !o.Succeeded).Select(o => o.InputIndex));
        Assert.Equal(400, outcomes[3].HttpStatus);
        // 8 → 4+4 → (2+2) → (1+1): the good half of each split goes through once.
        Assert.Equal(["a,b,c,bad,e,f,g,h", "a,b,c,bad", "a,b", "c,bad", "c", "bad", "e,f,g,h"], endpoint.Sent.Select(s => string.Join(",", s)));
    }

    [Fact]
    public void Per_item_refusals_are_not_split()
    {
        var endpoint = new FakeEndpoint { Answered = items => items.Where(i => i.Item != "b") };
        using var runner = Runner(endpoint, batchSize: 8);
        runner.Enqueue("a");
        runner.Enqueue("b");

        Outcomes(runner.Complete());

        Assert.Single(endpoint.Sent);
    }

    [Fact]
    public void Ten_thousand_items_give_ten_thousand_outcomes_in_order()
    {
        var endpoint = new FakeEndpoint();
        using var runner = Runner(endpoint, batchSize: 100);
        var outcomes = new List<ItemOutcome>();
        for (var i = 0; i < 10_000; i++)
        {
            if (i % 100 == 37)
            {
                runner.EnqueueFailure("bad row");
            }
            else
            {
                runner.Enqueue("item" + i);
            }

            outcomes.AddRange(Outcomes(runner.TakeReady()));
        }

        outcomes.AddRange(Outcomes(runner.Complete()));

        Assert.Equal(Enumerable.Range(0, 10_000), outcomes.Select(o => o.InputIndex));
        Assert.Equal(100, outcomes.Count(o => o.Reason == FailureReason.InvalidInput));
    }
}
