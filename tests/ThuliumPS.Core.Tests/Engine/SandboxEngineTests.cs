using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using ThuliumPS.Sandbox;
using Xunit;
using static ThuliumPS.Core.Tests.Engine.EngineSandbox;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>
/// Every endpoint against the sandbox's own behaviour (real loopback HTTP, demo data). Faults and retries are in
/// <see cref="ResilienceTests"/>; exact wire targets in <see cref="EndpointHttpTests"/>.
/// </summary>
public sealed class SandboxEngineTests
{
    [Fact]
    public async Task Create_customers_reports_created_and_refused_items_and_stores_only_the_valid_one()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new ThuliumClient(Settings(sandbox));

        var outcomes = await new CreateCustomersEndpoint(client).SendAsync("", new[]
        {
            new PlannedItem<CustomerDraft>(0, new CustomerDraft { Surname = "Kowalski", PhoneNumber = new[] { "333444555" } }),
            new PlannedItem<CustomerDraft>(1, new CustomerDraft { Surname = "Nowak", PhoneNumber = new[] { "abc" } }),
        }, CancellationToken.None);

        Assert.Equal(OutcomeStatuses.Created, outcomes[0].Status);
        Assert.NotNull(outcomes[0].ReturnedId);
        Assert.Equal(FailureReason.Rejected, outcomes[1].Reason);
        Assert.Equal("Phone number must be numeric.", outcomes[1].Message);
        Assert.Single((await sandbox.Control.GetStateAsync()).Customers);
    }

    [Fact]
    public async Task Delete_customers_reports_deleted_and_not_found_and_the_planned_length_matches_the_wire()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Demo = true });
        using var client = new ThuliumClient(Settings(sandbox));
        var endpoint = new DeleteCustomersEndpoint(client);
        var items = new[] { new PlannedItem<long>(0, 441), new PlannedItem<long>(1, 999999) };

        var outcomes = await endpoint.SendAsync("", items, CancellationToken.None);

        Assert.Equal(OutcomeStatuses.Deleted, outcomes[0].Status);
        Assert.True(outcomes[0].Succeeded);
        Assert.Equal(FailureReason.NotFound, outcomes[1].Reason);
        var state = await sandbox.Control.GetStateAsync();
        var request = Assert.Single(state.Requests);
        Assert.Equal(request.Target.Length, endpoint.BaseTargetLength("") + items.Sum(i => endpoint.TargetLengthOf(i.Item)));
        Assert.DoesNotContain(state.Customers, c => (long?)c["customer_id"] == 441);
    }

    [Fact]
    public async Task Delete_campaigns_queues_reports_missing_and_treats_already_queued_as_success()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Demo = true });
        using var client = new ThuliumClient(Settings(sandbox));
        var endpoint = new DeleteCampaignsEndpoint(client, deleteRecordings: true);

        var first = await endpoint.SendAsync("", new[] { new PlannedItem<string>(0, "00001"), new PlannedItem<string>(1, "99999") }, CancellationToken.None);
        var again = Assert.Single(await endpoint.SendAsync("", new[] { new PlannedItem<string>(0, "00001") }, CancellationToken.None));

        Assert.Equal(ServerStatuses.RemovalQueued, first[0].Status);
        Assert.Equal(FailureReason.NotFound, first[1].Reason);
        Assert.Equal(ServerStatuses.NotExist, first[1].Status);
        Assert.True(again.Succeeded);
        Assert.Equal(ServerStatuses.AlreadyQueued, again.Status);
        var campaign = (await sandbox.Control.GetStateAsync()).Campaigns.Single(c => c.Id == "00001");
        Assert.True(campaign.Queued);
        Assert.True(campaign.DeleteRecordings);
    }

    [Fact]
    public async Task Delete_crm_records_removes_reports_in_call_and_missing_and_unknown_campaign()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Demo = true });
        using var client = new ThuliumClient(Settings(sandbox));
        var endpoint = new DeleteCrmRecordsEndpoint(client);
        PlannedItem<CrmRecordKey>[] Keys(string campaign, params long[] ids) => ids.Select((id, i) => new PlannedItem<CrmRecordKey>(i, new CrmRecordKey(campaign, id))).ToArray();

        var outcomes = await endpoint.SendAsync("00002", Keys("00002", 441, 445, 442), CancellationToken.None);
        var unknown = await endpoint.SendAsync("99999", Keys("99999", 441, 442), CancellationToken.None);

        Assert.Equal(ServerStatuses.Removed, outcomes[0].Status);
        Assert.Equal(5237, outcomes[0].ReturnedId);
        Assert.Equal(FailureReason.Conflict, outcomes[1].Reason);
        Assert.Equal(ServerStatuses.CallInProgress, outcomes[1].Status);
        Assert.Equal(FailureReason.NotFound, outcomes[2].Reason);
        Assert.All(unknown, o => Assert.Equal(FailureReason.NotFound, o.Reason));
        Assert.All(unknown, o => Assert.False(string.IsNullOrEmpty(o.Message)));
        var records = (await sandbox.Control.GetStateAsync()).Campaigns.Single(c => c.Id == "00002").Records;
        Assert.Equal(new long[] { 445 }, records.Select(r => r.CustomerId));
    }

    [Fact]
    public async Task Add_field_group_item_returns_item_id_and_server_errors()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Demo = true });
        using var client = new ThuliumClient(Settings(sandbox));
        var outcomes = await new AddFieldGroupItemEndpoint(client).SendAsync("", new[]
        {
            new PlannedItem<FieldGroupItemDraft>(0, new FieldGroupItemDraft(2, 441, new[] { new FieldValue(12, "phone"), new FieldValue(8, 13), new FieldValue(10, "comment") })),
            new PlannedItem<FieldGroupItemDraft>(1, new FieldGroupItemDraft(77, 441, new[] { new FieldValue(12, "x") })),
            new PlannedItem<FieldGroupItemDraft>(2, new FieldGroupItemDraft(2, 441, new[] { new FieldValue(99, "x") })),
        }, CancellationToken.None);

        Assert.True(outcomes[0].Succeeded);
        Assert.NotNull(outcomes[0].ReturnedId);
        Assert.Equal(FailureReason.NotFound, outcomes[1].Reason);
        Assert.NotNull(outcomes[1].RequestId);
        Assert.Equal(FailureReason.Rejected, outcomes[2].Reason);
        Assert.Single((await sandbox.Control.GetStateAsync()).FieldGroupItems);
    }

    [Fact]
    public async Task Wrong_password_throws_authentication_exception_on_check_and_on_send()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new ThuliumClient(Settings(sandbox, password: "wrong-Pa55"));

        var check = await Assert.ThrowsAsync<ThuliumAuthenticationException>(() => CredentialCheck.ValidateAsync(client, null, CancellationToken.None));
        var send = await Assert.ThrowsAsync<ThuliumAuthenticationException>(
            () => new DeleteCustomersEndpoint(client).SendAsync("", new[] { new PlannedItem<long>(0, 1) }, CancellationToken.None));

        Assert.Equal(FailureReason.Unauthorized, check.Reason);
        Assert.Equal(401, send.StatusCode);
        Assert.DoesNotContain("wrong-Pa55", check.ToString(), StringComparison.Ordinal);
        using var good = new ThuliumClient(Settings(sandbox));
        await CredentialCheck.ValidateAsync(good, null, CancellationToken.None);
    }
}
