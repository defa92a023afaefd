// The runner is driven synchronously, as PowerShell's pipeline thread drives it; blocking waits are the point here.
#pragma warning disable xUnit1031
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Sandbox;
using ThuliumPS.Sandbox.Faults;
using static ThuliumPS.Core.Tests.Engine.EngineSandbox;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>
/// One pace per connection, against the sandbox's --rate-limit over real loopback HTTP: two commands sharing a
/// connection slow down together, nothing fails, few requests are refused, and a Retry-After holds back the other
/// command's requests too.
/// </summary>
public sealed class SharedPaceTests
{
    private static List<ItemOutcome> Run(ThuliumClient client, int rows, int batchSize, EngineMessageQueue log)
    {
        using var runner = new BulkRunner<CustomerDraft>(new CreateCustomersEndpoint(client, log), new BulkOptions { BatchSize = batchSize }, log, CancellationToken.None);
        for (var i = 0; i < rows; i++)
        {
            runner.Enqueue(new CustomerDraft { Surname = "S" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return runner.Complete().Where(e => e.Outcome is not null).Select(e => e.Outcome!).ToList();
    }

    [Fact]
    public async Task Two_commands_on_one_connection_share_the_pace_and_lose_nothing()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RateLimit = 40, LatencyMs = 5 });
        using var client = new ThuliumClient(Settings(sandbox, s => s with { MaximumRetryCount = 5 }));
        var logA = new EngineMessageQueue();
        var logB = new EngineMessageQueue();

        var both = await Task.WhenAll(Task.Run(() => Run(client, 800, 10, logA)), Task.Run(() => Run(client, 800, 10, logB)));

        Assert.All(both, outcomes => Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message)));
        var state = await sandbox.Control.GetStateAsync();
        Assert.Equal(1600, state.Customers.Count);
        var posts = state.Requests.Where(r => r.Method == "POST").ToList();
        Assert.True(posts.Count(r => r.Status == 429) <= posts.Count / 10 + 4, $"{posts.Count(r => r.Status == 429)} of {posts.Count} requests were refused");
        Assert.NotNull(client.Pace.RequestsPerSecond);
    }

    [Fact]
    public async Task A_retry_after_to_one_command_holds_back_the_other_commands_requests()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new ThuliumClient(Settings(sandbox, s => s with { MaximumRetryCount = 2 }));
        await sandbox.Control.SetFaultsAsync([new FaultRule { Method = "POST", Path = "/api/batch/customers", Times = 1, Status = 429, RetryAfter = "2" }]);

        var first = Task.Run(() => Run(client, 1, 1, new EngineMessageQueue()));
        // Wait until the connection has seen the 429 (not merely until the sandbox logged the request: its answer
        // may still be on its way back).
        while (client.Pace.RequestsPerSecond is null)
        {
            await Task.Delay(10);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var second = Run(client, 1, 1, new EngineMessageQueue());
        clock.Stop();

        Assert.True((await first).Single().Succeeded);
        Assert.True(second.Single().Succeeded);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"the other command's request went out after {clock.Elapsed}, inside the 2 s the server asked for");
    }
}
