using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Tests.Support;
using ThuliumPS.Sandbox;
using ThuliumPS.Sandbox.State;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>
/// The planner and runner with the real endpoints against the sandbox: what goes on the wire is split by count, by
/// URL length and by campaign, repeated ids travel once, and every input gets its answer in input order.
/// </summary>
public sealed class BatchingAgainstSandboxTests(SandboxFixture sandbox) : SandboxClientTests(sandbox)
{

    private static List<ItemOutcome> Run<T>(IBatchEndpoint<T> endpoint, BulkOptions options, IEnumerable<T> items)
    {
        using var runner = new BulkRunner<T>(endpoint, options, new EngineMessageQueue(), CancellationToken.None);
        foreach (var item in items)
        {
            runner.Enqueue(item);
        }

        return runner.Complete().Where(e => e.Outcome is not null).Select(e => e.Outcome!).ToList();
    }

    private async Task<List<SandboxRequest>> Requests() => (await Sandbox.Server.Control.GetStateAsync()).Requests;

    private async Task SeedCustomers(IEnumerable<long> ids) => await Sandbox.Server.Control.SeedAsync(new SandboxState
    {
        Customers = ids.Select(id => new System.Text.Json.Nodes.JsonObject { ["customer_id"] = id, ["surname"] = "S" + id }).ToList(),
    });

    [Fact]
    public async Task Creates_are_split_by_count_and_every_row_gets_its_id_in_order()
    {
        var drafts = Enumerable.Range(0, 7).Select(i => new CustomerDraft { Surname = "Row" + i }).ToList();

        var outcomes = Run(new CreateCustomersEndpoint(Client), new BulkOptions { BatchSize = 3 }, drafts);

        // Requests run concurrently, so they may arrive in any order; their sizes are what the planner decided.
        Assert.Equal([3, 3, 1], (await Requests()).Select(r => r.Items).OrderDescending());
        Assert.Equal(Enumerable.Range(0, 7), outcomes.Select(o => o.InputIndex));
        var stored = (await Sandbox.Server.Control.GetStateAsync()).Customers.ToDictionary(c => (long)c["customer_id"]!, c => (string)c["surname"]!);
        Assert.All(outcomes, o => Assert.Equal("Row" + o.InputIndex, stored[o.ReturnedId!.Value]));
    }

    [Fact]
    public async Task Deletes_are_split_by_url_length_and_no_request_target_exceeds_it()
    {
        var ids = Enumerable.Range(1_000_000, 60).Select(i => (long)i).ToList();
        await SeedCustomers(ids);
        var options = new BulkOptions { BatchSize = 1000, MaxUrlLength = 400 };

        var outcomes = Run(new DeleteCustomersEndpoint(Client), options, ids);

        var requests = await Requests();
        Assert.True(requests.Count > 1, "60 ids of 7 digits cannot fit 400 characters");
        Assert.All(requests, r => Assert.True(r.Target.Length <= 400, $"{r.Target.Length} characters"));
        Assert.Equal(60, requests.Sum(r => r.Items));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        Assert.Empty((await Sandbox.Server.Control.GetStateAsync()).Customers);
    }

    [Fact]
    public async Task A_repeated_id_is_sent_once_and_both_inputs_get_the_answer()
    {
        await SeedCustomers([13, 14]);

        var outcomes = Run(new DeleteCustomersEndpoint(Client), new BulkOptions(), new long[] { 13, 14, 13 });

        Assert.Equal(2, Assert.Single(await Requests()).Items);
        Assert.Equal([0, 1, 2], outcomes.Select(o => o.InputIndex));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
    }

    [Fact]
    public async Task Crm_records_of_interleaved_campaigns_go_one_request_per_campaign_and_come_back_in_input_order()
    {
        await Sandbox.Server.Control.SeedAsync(new SandboxState
        {
            Campaigns =
            [
                new SandboxCampaign { Id = "00001", Records = [new SandboxRecord { CustomerId = 1 }, new SandboxRecord { CustomerId = 2 }] },
                new SandboxCampaign { Id = "00002", Records = [new SandboxRecord { CustomerId = 1 }] },
            ],
        });
        var keys = new[] { new CrmRecordKey("00001", 1), new CrmRecordKey("00002", 1), new CrmRecordKey("00001", 2), new CrmRecordKey("00002", 9) };

        var outcomes = Run(new DeleteCrmRecordsEndpoint(Client), new BulkOptions(), keys);

        var targets = (await Requests()).Select(r => r.Target).ToList();
        Assert.Equal(2, targets.Count);
        Assert.Contains(targets, t => t.Contains("/crm_outbounds/00001/records", StringComparison.Ordinal));
        Assert.Contains(targets, t => t.Contains("/crm_outbounds/00002/records", StringComparison.Ordinal));
        Assert.Equal([0, 1, 2, 3], outcomes.Select(o => o.InputIndex));
        Assert.Equal([true, true, true, false], outcomes.Select(o => o.Succeeded));
        Assert.Equal(FailureReason.NotFound, outcomes[3].Reason);
    }
}
