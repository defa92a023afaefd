using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using ThuliumPS.Sandbox;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Benchmarks;

/// <summary>
/// 1,000 customers through the engine (planner, runner, real endpoint, loopback HTTP) to a sandbox that adds
/// 20 ms to every request, like a WAN round trip: how much do batching and requests in flight buy?
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ImportThroughputBenchmark
{
    private const int Customers = 1000;
    private SandboxServer sandbox = null!;
    private ThuliumClient client = null!;
    private CustomerDraft[] drafts = null!;

    /// <summary>Requests in flight at once (-ThrottleLimit).</summary>
    [Params(1, 4)]
    public int Concurrency { get; set; }

    /// <summary>Items per request (-BatchSize).</summary>
    [Params(10, 100)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        sandbox = SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 20 }).GetAwaiter().GetResult();
        client = new ThuliumClient(ThuliumConnectionSettings.ForBaseUri(sandbox.ApiUri, new NetworkCredential("api_user", "api_pass")) with { AllowUnencryptedAuthentication = true });
        drafts = Enumerable.Range(0, Customers).Select(i => new CustomerDraft { Surname = "S" + i, Email = [$"s{i}@x.pl"] }).ToArray();
    }

    [IterationSetup]
    public void Reset() => sandbox.Control.ResetAsync().GetAwaiter().GetResult();

    [Benchmark]
    public int Import()
    {
        var log = new EngineMessageQueue();
        using var runner = new BulkRunner<CustomerDraft>(new CreateCustomersEndpoint(client, log), new BulkOptions { BatchSize = BatchSize, MaxConcurrentRequests = Concurrency }, log, CancellationToken.None);
        foreach (var draft in drafts)
        {
            runner.Enqueue(draft);
        }

        var created = runner.Complete().Count(e => e.Outcome is { Succeeded: true });
        return created == Customers ? created : throw new InvalidOperationException($"only {created} of {Customers} created");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        client.Dispose();
        sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
