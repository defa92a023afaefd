using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using ThuliumPS.Sandbox.Faults;
using Xunit;
using static ThuliumPS.Core.Tests.Engine.EngineSandbox;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Client;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>
/// Each endpoint end to end against the sandbox, with the documentation's answers served verbatim through fault
/// rules (status + body): the request on the wire (method, exact target and its planned length) and the outcomes.
/// </summary>
public sealed class EndpointHttpTests
{
    [Fact]
    public async Task Delete_campaigns_sends_ids_and_recordings_flag_and_maps_the_array()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "DELETE", Status = 207, Body = """
            [
                {"http_status": 200, "id": "00001", "status": "REMOVAL_QUEUED"},
                {"http_status": 404, "id": "00002", "status": "NOT_EXIST"},
                {"http_status": 400, "id": "00003", "status": "ALREADY_QUEUED"}
            ]
            """ });
        using var client = new ThuliumClient(Settings(sandbox));
        var endpoint = new DeleteCampaignsEndpoint(client, deleteRecordings: true);
        var items = new[] { new PlannedItem<string>(0, "00001"), new PlannedItem<string>(1, "00002"), new PlannedItem<string>(2, "00003") };

        var outcomes = await endpoint.SendAsync("", items, CancellationToken.None);

        var logged = Assert.Single((await sandbox.Control.GetStateAsync()).Requests);
        var (method, target) = (logged.Method, logged.Target);
        Assert.Equal("DELETE", method);
        Assert.Equal("/api/batch/outbounds?delete_recordings=true&id%5B%5D=00001&id%5B%5D=00002&id%5B%5D=00003", target);
        Assert.Equal(target.Length, endpoint.BaseTargetLength("") + items.Sum(i => endpoint.TargetLengthOf(i.Item)));
        Assert.Equal(new[] { true, false, true }, outcomes.Select(o => o.Succeeded));
        Assert.Equal(FailureReason.NotFound, outcomes[1].Reason);
        Assert.Equal(ServerStatuses.AlreadyQueued, outcomes[2].Status);
    }

    [Fact]
    public async Task Delete_crm_records_targets_the_campaign_and_goes_by_status()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "DELETE", Status = 207, Body = """
            {
            "441": {"http_status": 200, "record_id": 5235, "status": "REMOVED"},
            "442": {"http_status": 404, "status":"NOT_EXIST"},
            "443": {"http_status": 409, "status": "CALL_IN_PROGRESS"}
            }
            """ });
        using var client = new ThuliumClient(Settings(sandbox));
        var endpoint = new DeleteCrmRecordsEndpoint(client);
        var items = new[] { 441L, 442L, 443L }.Select((id, i) => new PlannedItem<CrmRecordKey>(i, new CrmRecordKey("00001", id))).ToArray();

        var outcomes = await endpoint.SendAsync("00001", items, CancellationToken.None);

        var target = Assert.Single((await sandbox.Control.GetStateAsync()).Requests).Target;
        Assert.Equal("/api/batch/crm_outbounds/00001/records?customer_id%5B%5D=441&customer_id%5B%5D=442&customer_id%5B%5D=443", target);
        Assert.Equal(target.Length, endpoint.BaseTargetLength("00001") + items.Sum(i => endpoint.TargetLengthOf(i.Item)));
        Assert.Equal(5235, outcomes[0].ReturnedId);
        Assert.Equal(FailureReason.NotFound, outcomes[1].Reason);
        Assert.Equal(FailureReason.Conflict, outcomes[2].Reason);
        Assert.Equal(1, outcomes[2].Attempts);
    }

    [Fact]
    public async Task Delete_crm_records_of_an_unknown_campaign_fails_every_item_not_found()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "DELETE", Status = 404, Body = """{"request_id": "x1", "errors": [{"message": "Campaign not found.", "code": 404}]}""" });
        using var client = new ThuliumClient(Settings(sandbox));
        var items = new[] { new PlannedItem<CrmRecordKey>(0, new CrmRecordKey("99999", 1)), new PlannedItem<CrmRecordKey>(1, new CrmRecordKey("99999", 2)) };

        var outcomes = await new DeleteCrmRecordsEndpoint(client).SendAsync("99999", items, CancellationToken.None);

        Assert.All(outcomes, o =>
        {
            Assert.Equal(FailureReason.NotFound, o.Reason);
            Assert.Equal("x1", o.RequestId);
            Assert.Contains("Campaign not found.", o.Message, StringComparison.Ordinal);
            Assert.Equal(1, o.Attempts); // a 404 is not retried
        });
    }

    [Fact]
    public async Task Add_field_group_item_posts_one_item_per_request_and_reads_item_id_or_error()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(
            sandbox,
            new FaultRule { Method = "POST", Status = 201, Body = """{"item_id": 38}""" },
            new FaultRule { Method = "POST", Status = 400, Body = """{"request_id": "b2", "errors": [{"message": "Field 99 is not in group 2.", "code": 400}]}""" });
        using var client = new ThuliumClient(Settings(sandbox));
        var endpoint = new AddFieldGroupItemEndpoint(client);
        Assert.False(endpoint.SupportsBatches);
        var items = new[]
        {
            new PlannedItem<FieldGroupItemDraft>(0, new FieldGroupItemDraft(2, 1, new[] { new FieldValue(12, "phone"), new FieldValue(8, 13) })),
            new PlannedItem<FieldGroupItemDraft>(1, new FieldGroupItemDraft(2, 1, new[] { new FieldValue(99, "x") })),
        };

        var outcomes = await endpoint.SendAsync("", items, CancellationToken.None);

        var requests = (await sandbox.Control.GetStateAsync()).Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(("POST", "/api/customer_field_group_items"), (r.Method, r.Target)));
        Assert.Equal(38, outcomes[0].ReturnedId);
        Assert.True(outcomes[0].Succeeded);
        Assert.Equal(FailureReason.Rejected, outcomes[1].Reason);
        Assert.Equal("b2", outcomes[1].RequestId);
        Assert.Contains("Field 99 is not in group 2.", outcomes[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_and_delete_customers_round_trip()
    {
        await using var sandbox = await StartAsync();
        using var client = new ThuliumClient(Settings(sandbox));
        var created = await new CreateCustomersEndpoint(client).SendAsync(
            "",
            new[] { new PlannedItem<CustomerDraft>(5, new CustomerDraft { Surname = "A" }), new PlannedItem<CustomerDraft>(6, new CustomerDraft { Surname = "B" }) },
            CancellationToken.None);

        Assert.Equal(new[] { 5, 6 }, created.Select(o => o.InputIndex));
        Assert.All(created, o => Assert.Equal(OutcomeStatuses.Created, o.Status));
        var ids = created.Select(o => o.ReturnedId!.Value).ToArray();
        Assert.Subset(CustomerIds(await sandbox.Control.GetStateAsync()), ids.ToHashSet());

        var endpoint = new DeleteCustomersEndpoint(client);
        var items = ids.Append(424242).Select((id, i) => new PlannedItem<long>(i, id)).ToArray();
        var deleted = await endpoint.SendAsync("", items, CancellationToken.None);

        Assert.Equal(new[] { true, true, false }, deleted.Select(o => o.Succeeded));
        Assert.Equal(FailureReason.NotFound, deleted[2].Reason);
        Assert.Equal("Customer not found.", deleted[2].Message);
        var state = await sandbox.Control.GetStateAsync();
        var target = state.Requests.Last().Target;
        Assert.Equal(target.Length, endpoint.BaseTargetLength("") + items.Sum(i => endpoint.TargetLengthOf(i.Item)));
        Assert.Empty(CustomerIds(state).Intersect(ids));
    }

    private static HashSet<long> CustomerIds(ThuliumPS.Sandbox.State.SandboxState state)
        => state.Customers.Select(c => (long)c["customer_id"]!).ToHashSet();
}
