using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Resilience;
using ThuliumPS.Core.Tests.Support;
using ThuliumPS.Sandbox.Faults;
using Xunit;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>
/// A run's request counters (requests sent, retries, Retry-After waits) against the sandbox's own request log:
/// counted by the client where the attempts and retries happen, per run, from concurrent background sends.
/// </summary>
public sealed class RunCountersTests(SandboxFixture sandbox) : SandboxClientTests(sandbox)
{

    private static (List<ItemOutcome> Outcomes, RequestCounters Requests) Run(IBatchEndpoint<CustomerDraft> endpoint, int rows, int batchSize = 10, int concurrency = 4)
    {
        using var runner = new BulkRunner<CustomerDraft>(endpoint, new BulkOptions { BatchSize = batchSize, MaxConcurrentRequests = concurrency }, new EngineMessageQueue(), CancellationToken.None);
        for (var i = 0; i < rows; i++)
        {
            runner.Enqueue(new CustomerDraft { Surname = "Row" + i });
        }

        var outcomes = runner.Complete().Where(e => e.Outcome is not null).Select(e => e.Outcome!).ToList();
        return (outcomes, runner.Requests);
    }

    [Fact]
    public async Task Requests_sent_match_the_sandbox_log_with_no_retries()
    {
        var (outcomes, requests) = Run(new CreateCustomersEndpoint(Client), rows: 95);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        Assert.Equal((await Sandbox.Server.Control.GetStateAsync()).Requests.Count, requests.RequestsSent);
        Assert.Equal(10, requests.RequestsSent);
        Assert.Equal(0, requests.Retries);
        Assert.Equal(TimeSpan.Zero, requests.RetryWait);
        Assert.Equal(TimeSpan.Zero, requests.RetryAfterWait);
    }

    [Fact]
    public async Task Two_429s_with_retry_after_count_two_retries_and_the_seconds_asked()
    {
        await EngineSandbox.FaultsAsync(Sandbox.Server, new FaultRule { Method = "POST", Status = 429, RetryAfter = "1", Times = 2 });

        var (outcomes, requests) = Run(new CreateCustomersEndpoint(Client), rows: 30);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        var log = (await Sandbox.Server.Control.GetStateAsync()).Requests;
        Assert.Equal(2, log.Count(r => r.Status == 429));
        Assert.Equal(log.Count, requests.RequestsSent);
        Assert.Equal(5, requests.RequestsSent); // 3 batches + 2 retries
        Assert.Equal(2, requests.Retries);
        Assert.Equal(TimeSpan.FromSeconds(2), requests.RetryAfterWait); // exactly what the server asked, twice
        Assert.Equal(requests.RetryAfterWait, requests.RetryWait);
    }

    [Fact]
    public async Task Backoff_without_retry_after_is_a_retry_wait_but_not_a_retry_after_wait()
    {
        await EngineSandbox.FaultsAsync(Sandbox.Server, new FaultRule { Method = "DELETE", Status = 500, Times = 1 });
        using var runner = new BulkRunner<long>(new DeleteCustomersEndpoint(Client), new BulkOptions(), new EngineMessageQueue(), CancellationToken.None);
        runner.Enqueue(441);
        Assert.Single(runner.Complete(), e => e.Outcome is not null);

        Assert.Equal(2, runner.Requests.RequestsSent);
        Assert.Equal(1, runner.Requests.Retries);
        Assert.True(runner.Requests.RetryWait > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, runner.Requests.RetryAfterWait);
        Assert.Equal(2, (await Sandbox.Server.Control.GetStateAsync()).Requests.Count);
    }

    [Fact]
    public async Task Concurrent_runs_over_one_client_count_only_their_own_requests()
    {
        var endpoint = new CreateCustomersEndpoint(Client);

        var runs = await Task.WhenAll(
            Task.Run(() => Run(endpoint, rows: 200, batchSize: 10).Requests),
            Task.Run(() => Run(endpoint, rows: 70, batchSize: 10).Requests));

        Assert.Equal(20, runs[0].RequestsSent);
        Assert.Equal(7, runs[1].RequestsSent);
        Assert.Equal(27, (await Sandbox.Server.Control.GetStateAsync()).Requests.Count);
    }

    [Fact]
    public async Task A_run_leaves_no_counters_behind_on_the_calling_flow_and_requests_outside_a_run_count_nowhere()
    {
        var (_, requests) = Run(new CreateCustomersEndpoint(Client), rows: 5);
        Assert.Null(RequestCounters.Current);

        // The endpoint used directly (no runner): nothing to count into, and the run's counters do not move.
        await new CreateCustomersEndpoint(Client).SendAsync("", [new PlannedItem<CustomerDraft>(0, new CustomerDraft { Surname = "Alone" })], CancellationToken.None);

        Assert.Equal(1, requests.RequestsSent);
        Assert.Equal(2, (await Sandbox.Server.Control.GetStateAsync()).Requests.Count);
    }
}
