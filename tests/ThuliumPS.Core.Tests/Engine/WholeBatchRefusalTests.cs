using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using ThuliumPS.Sandbox;
using ThuliumPS.Sandbox.Faults;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Client;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>
/// Whole-batch refusals (400 without per-item answers, 413, 414) are split and resent down to single items,
/// against the sandbox: good rows go through exactly once, a 414 lowers the URL limit and a size refusal the batch
/// size for the rest of the run.
/// </summary>
public sealed class WholeBatchRefusalTests
{
    private static List<ItemOutcome> Run<T>(IBatchEndpoint<T> endpoint, BulkOptions options, IEnumerable<T> items, EngineMessageQueue? log = null, List<string>? lines = null)
    {
        using var runner = new BulkRunner<T>(endpoint, options, log ?? new EngineMessageQueue(), CancellationToken.None);
        foreach (var item in items)
        {
            runner.Enqueue(item);
        }

        var events = runner.Complete().ToList();
        lines?.AddRange(events.Where(e => e.Message is not null).Select(e => e.Message!.Text));
        return events.Where(e => e.Outcome is not null).Select(e => e.Outcome!).ToList();
    }

    [Fact]
    public async Task A_batch_over_the_server_limit_is_split_until_it_fits_and_nothing_is_created_twice()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { MaxBatch = 3 });
        using var client = new ThuliumClient(EngineSandbox.Settings(sandbox));
        var log = new EngineMessageQueue();

        var lines = new List<string>();

        var outcomes = Run(new CreateCustomersEndpoint(client, log), new BulkOptions { BatchSize = 8 }, Enumerable.Range(0, 8).Select(i => new CustomerDraft { Surname = "S" + i }), log, lines);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        var state = await sandbox.Control.GetStateAsync();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => "S" + i), state.Customers.Select(c => (string)c["surname"]!).Order());
        // 8 and 4 refused; the 4's halves (2, 2) both accepted, so the other 4 goes as 2 + 2 without a refusal.
        Assert.Equal([8, 4, 2, 2, 2, 2], state.Requests.Select(r => r.Items).OrderDescending());
        Assert.Contains(lines, l => l.Contains("refused the whole request of 8 items (HTTP 400)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_size_refusal_lowers_the_batch_size_for_the_rest_of_the_run()
    {
        // Issue 7: with the default batch of 100 against a server taking at most 7, every batch used to be split
        // 100 → 50 → 25 → 12 → 6: 1,000 rows cost 150 refused requests. Now the first batches learn the limit and
        // the rest are planned at it. The batches already in flight when the first answers come (one per request in
        // flight, default 4) each pay at most their own descent (100, 50, 25, 12), and learn from each other.
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { MaxBatch = 7 });
        using var client = new ThuliumClient(EngineSandbox.Settings(sandbox));
        var log = new EngineMessageQueue();
        var lines = new List<string>();
        var options = new BulkOptions();

        var outcomes = Run(new CreateCustomersEndpoint(client, log), options, Enumerable.Range(0, 1000).Select(i => new CustomerDraft { Surname = "S" + i }), log, lines);

        Assert.Equal(Enumerable.Range(0, 1000), outcomes.Select(o => o.InputIndex));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        var state = await sandbox.Control.GetStateAsync();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => "S" + i).Order(StringComparer.Ordinal), state.Customers.Select(c => (string)c["surname"]!).Order(StringComparer.Ordinal));
        var refused = state.Requests.Count(r => r.Status == 400);
        var accepted = state.Requests.Where(r => r.Status != 400).ToList();
        Assert.InRange(refused, 1, 4 * options.MaxConcurrentRequests);
        Assert.All(accepted, r => Assert.InRange(r.Items, 1, 7));
        Assert.Single(lines, l => l.Contains("sending batches of at most", StringComparison.Ordinal));
        Console.WriteLine($"max-batch 7, 1,000 rows, batch 100, {options.MaxConcurrentRequests} in flight: {refused} refused, {accepted.Count} accepted requests");
    }

    [Fact]
    public async Task With_one_request_in_flight_the_limit_costs_one_descent()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { MaxBatch = 7 });
        using var client = new ThuliumClient(EngineSandbox.Settings(sandbox));
        var log = new EngineMessageQueue();

        var outcomes = Run(new CreateCustomersEndpoint(client, log), new BulkOptions { MaxConcurrentRequests = 1 }, Enumerable.Range(0, 1000).Select(i => new CustomerDraft { Surname = "S" + i }), log);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        var statuses = (await sandbox.Control.GetStateAsync()).Requests.Select(r => r.Status).ToList();
        // 100, 50, 25, 12 refused; 6 and 6 accepted, so batches of 6 from then on (the batch planned while the
        // first was out is cut to 6 before it is sent).
        Assert.Equal(4, statuses.Count(s => s == 400));
        Assert.Equal(1000, (await sandbox.Control.GetStateAsync()).Customers.Count);
    }

    [Fact]
    public async Task A_413_is_split_and_the_halves_go_through()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Demo = true });
        await sandbox.Control.SetFaultsAsync([new FaultRule { Method = "DELETE", Path = "/api/batch/customers", Status = 413, Times = 1 }]);
        using var client = new ThuliumClient(EngineSandbox.Settings(sandbox));

        var outcomes = Run(new DeleteCustomersEndpoint(client), new BulkOptions(), new long[] { 441, 442, 445, 9 });

        Assert.Equal([true, true, true, false], outcomes.Select(o => o.Succeeded));
        Assert.Equal(FailureReason.NotFound, outcomes[3].Reason);
        Assert.Equal([413, 200, 207], (await sandbox.Control.GetStateAsync()).Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_414_lowers_the_url_limit_for_the_rest_of_the_run()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { MaxUrlLength = 200 });
        var ids = Enumerable.Range(1_000_000, 40).Select(i => (long)i).ToList();
        await sandbox.Control.SeedAsync(new ThuliumPS.Sandbox.State.SandboxState
        {
            Customers = ids.Select(id => new System.Text.Json.Nodes.JsonObject { ["customer_id"] = id, ["surname"] = "S" }).ToList(),
        });
        using var client = new ThuliumClient(EngineSandbox.Settings(sandbox));

        // Our limit (4000) is far above the server's (200): ten 7-digit ids (~285 characters) get 414; after the
        // split, the planner plans half that length, which the server accepts.
        var outcomes = Run(new DeleteCustomersEndpoint(client), new BulkOptions { BatchSize = 10, MaxConcurrentRequests = 1 }, ids);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        var statuses = (await sandbox.Control.GetStateAsync()).Requests.Select(r => r.Status).ToList();
        Assert.Equal(414, statuses[0]);
        // With one request in flight, the batch planned while the first was out may still be refused (old limit);
        // every batch planned after the first 414 came back fits.
        Assert.InRange(statuses.Count(s => s == 414), 1, 2);
        Assert.True(statuses.Count > 8, "the rest of the run is planned in shorter requests: " + string.Join(",", statuses));
        Assert.Empty((await sandbox.Control.GetStateAsync()).Customers);
    }
}
