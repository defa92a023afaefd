using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Tests.Support;
using ThuliumPS.Sandbox.Faults;
using ThuliumPS.Sandbox.State;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>
/// Issue 4's proof: every fault the sandbox can stage × every endpoint, through the runner over real loopback
/// HTTP. Each cell asserts one result per input item, the verdict the reliability policy promises
/// (about_ThuliumPS_Reliability), that nothing was created twice, and that Retry-After waits were honoured.
/// </summary>
public sealed class FaultMatrixTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    public enum Column { CreateCustomers, DeleteCustomers, DeleteCampaigns, DeleteCrmRecords, AddFieldGroupItems }

    public enum Row { Throttled429Seconds, Throttled429Date, Status500, Status502, Status503, Status504, DropBefore, DropAfter, DelayBeyondTimeout, MalformedJson, AnswerMissingItems, Status401, Status403, Status413, Status414 }

    /// <summary>What a cell must end in.</summary>
    private enum Expect { AllSucceed, AllFail, AllUnknown, Terminates, GoneAfterEarlierAttempt, FirstFailsOthersSucceed }

    private const int Items = 3;
    // Generous enough for a cold first request on a loaded CI machine; the delay row waits twice as long.
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(1500);

    public static TheoryData<Row, Column> Cells()
    {
        var data = new TheoryData<Row, Column>();
        foreach (var row in Enum.GetValues<Row>())
        {
            foreach (var column in Enum.GetValues<Column>())
            {
                data.Add(row, column);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Every_item_ends_with_one_honest_result(Row row, Column column)
    {
        await sandbox.Server.Control.ResetAsync();
        await sandbox.Server.Control.SeedAsync(Seed());
        var (method, path) = Target(column);
        var clock = Stopwatch.StartNew(); // before the Retry-After date is computed, so set-up time cannot shorten the wait
        await sandbox.Server.Control.SetFaultsAsync([Fault(row, method, path)]);
        using var client = new ThuliumClient(EngineSandbox.Settings(sandbox.Server, s => s with { Timeout = Timeout, MaximumRetryCount = 3 }));
        var expect = Expected(row, column);

        var (outcomes, error) = Run(column, client);
        clock.Stop();

        var state = await sandbox.Server.Control.GetStateAsync();
        if (expect == Expect.Terminates)
        {
            Assert.IsType<ThuliumAuthenticationException>(error);
            Assert.Single(state.Requests); // nothing more was sent after the 401/403
            return;
        }

        Assert.Null(error);
        Assert.Equal(Enumerable.Range(0, Items), outcomes.Select(o => o.InputIndex));
        var kinds = outcomes.Select(o => o.Kind).ToList();
        switch (expect)
        {
            case Expect.AllSucceed:
                Assert.All(outcomes, o => Assert.True(o.Succeeded, $"{o.Status}: {o.Message}"));
                break;
            case Expect.AllFail:
                Assert.All(kinds, k => Assert.Equal(OutcomeKind.Failed, k));
                break;
            case Expect.AllUnknown:
                Assert.All(outcomes, o => Assert.Equal((OutcomeKind.Unknown, FailureReason.OutcomeUnknown), (o.Kind, o.Reason)));
                break;
            case Expect.GoneAfterEarlierAttempt:
                // The first attempt took effect but its answer was lost; the retry finds nothing to delete. The item
                // is gone either way: it succeeds, saying why (or the server's own ALREADY_QUEUED says so).
                Assert.All(outcomes, o => Assert.True(o.Succeeded && (o.Status == "ALREADY_QUEUED" || o.Message!.Contains("earlier attempt", StringComparison.Ordinal)), $"{o.Status}: {o.Message}"));
                break;
            case Expect.FirstFailsOthersSucceed:
                Assert.Equal([false, true, true], outcomes.Select(o => o.Succeeded));
                break;
        }

        if (column is Column.CreateCustomers)
        {
            var surnames = state.Customers.Select(c => (string?)c["surname"]).Where(s => s!.StartsWith("New", StringComparison.Ordinal)).ToList();
            Assert.Equal(surnames.Distinct().Count(), surnames.Count); // never created twice
            if (expect == Expect.AllSucceed)
            {
                Assert.Equal(Items, surnames.Count);
            }
        }

        if (column is Column.AddFieldGroupItems)
        {
            Assert.Equal(state.FieldGroupItems.Select(i => i.CustomerId).Distinct().Count(), state.FieldGroupItems.Count);
        }

        if (row is Row.Throttled429Seconds or Row.Throttled429Date)
        {
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"Retry-After was not honoured: {clock.ElapsedMilliseconds} ms");
        }
    }

    private static Expect Expected(Row row, Column column)
    {
        var create = column is Column.CreateCustomers or Column.AddFieldGroupItems;
        return row switch
        {
            Row.Status401 or Row.Status403 => Expect.Terminates,
            Row.Throttled429Seconds or Row.Throttled429Date or Row.Status503 => Expect.AllSucceed,
            Row.Status413 or Row.Status414 when column is Column.AddFieldGroupItems => Expect.FirstFailsOthersSucceed, // one item per request: nothing to split
            Row.Status413 or Row.Status414 => Expect.AllSucceed, // split in halves and resent
            Row.Status500 when create => column is Column.AddFieldGroupItems ? Expect.FirstFailsOthersSucceed : Expect.AllFail,
            Row.Status502 or Row.Status504 or Row.DropBefore or Row.DropAfter or Row.DelayBeyondTimeout or Row.MalformedJson when create =>
                column is Column.AddFieldGroupItems ? Expect.FirstFailsOthersSucceed : Expect.AllUnknown,
            Row.DropAfter => Expect.GoneAfterEarlierAttempt,
            // A 2xx to a single-item create is the server saying "created", even without the new id (the message says so).
            Row.AnswerMissingItems when column is Column.AddFieldGroupItems => Expect.AllSucceed,
            Row.MalformedJson or Row.AnswerMissingItems => column is Column.AddFieldGroupItems ? Expect.FirstFailsOthersSucceed : Expect.AllFail,
            _ => Expect.AllSucceed, // deletes are retried through 500/502/504, drops and timeouts
        };
    }

    private static FaultRule Fault(Row row, string method, string path)
    {
        var rule = new FaultRule { Method = method, Path = path, Times = 1 };
        switch (row)
        {
            case Row.Throttled429Seconds: rule.Status = 429; rule.RetryAfter = "1"; break;
            case Row.Throttled429Date: rule.Status = 429; rule.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(2).ToString("R", CultureInfo.InvariantCulture); break; // ≥ 1 s after truncation
            case Row.Status500: rule.Status = 500; break;
            case Row.Status502: rule.Status = 502; break;
            case Row.Status503: rule.Status = 503; break;
            case Row.Status504: rule.Status = 504; break;
            case Row.DropBefore: rule.Drop = "before"; break;
            case Row.DropAfter: rule.Drop = "after"; break;
            case Row.DelayBeyondTimeout: rule.DelayMs = (int)Timeout.TotalMilliseconds * 2; break;
            case Row.MalformedJson: rule.Status = 200; rule.Body = "{\"0\": {\"http_status\": 201,"; break;
            case Row.AnswerMissingItems: rule.Status = 200; rule.Body = path.Contains("outbounds", StringComparison.Ordinal) && !path.Contains("crm", StringComparison.Ordinal) ? "[]" : "{}"; break;
            case Row.Status401: rule.Status = 401; rule.Body = "{\"request_id\": \"r401\", \"errors\": [{\"message\": \"Authorization failed.\", \"code\": 401}]}"; break;
            case Row.Status403: rule.Status = 403; rule.Body = "{\"request_id\": \"r403\", \"errors\": [{\"message\": \"No permission.\", \"code\": 403}]}"; break;
            case Row.Status413: rule.Status = 413; break;
            case Row.Status414: rule.Status = 414; break;
        }

        return rule;
    }

    private static (string Method, string Path) Target(Column column) => column switch
    {
        Column.CreateCustomers => ("POST", "/api/batch/customers"),
        Column.DeleteCustomers => ("DELETE", "/api/batch/customers"),
        Column.DeleteCampaigns => ("DELETE", "/api/batch/outbounds"),
        Column.DeleteCrmRecords => ("DELETE", "/api/batch/crm_outbounds/"),
        _ => ("POST", "/api/customer_field_group_items"),
    };

    private static (List<ItemOutcome> Outcomes, Exception? Error) Run(Column column, ThuliumClient client) => column switch
    {
        Column.CreateCustomers => Run(new CreateCustomersEndpoint(client), Enumerable.Range(0, Items).Select(i => new CustomerDraft { Surname = "New" + i })),
        Column.DeleteCustomers => Run(new DeleteCustomersEndpoint(client), new long[] { 1, 2, 3 }),
        Column.DeleteCampaigns => Run(new DeleteCampaignsEndpoint(client), new[] { "00001", "00002", "00003" }),
        Column.DeleteCrmRecords => Run(new DeleteCrmRecordsEndpoint(client), new long[] { 1, 2, 3 }.Select(c => new CrmRecordKey("00001", c))),
        _ => Run(new AddFieldGroupItemEndpoint(client), new long[] { 1, 2, 3 }.Select(c => new FieldGroupItemDraft(2, c, [new FieldValue(8, "v")]))),
    };

    private static (List<ItemOutcome>, Exception?) Run<T>(IBatchEndpoint<T> endpoint, IEnumerable<T> items)
    {
        // One request at a time, so "the first request" of a cell is well defined.
        using var runner = new BulkRunner<T>(endpoint, new BulkOptions { MaxConcurrentRequests = 1 }, new EngineMessageQueue(), CancellationToken.None);
        var outcomes = new List<ItemOutcome>();
        try
        {
            foreach (var item in items)
            {
                runner.Enqueue(item);
            }

            outcomes.AddRange(runner.Complete().Where(e => e.Outcome is not null).Select(e => e.Outcome!));
            return (outcomes, null);
        }
        catch (ThuliumAuthenticationException e)
        {
            return (outcomes, e);
        }
    }

    private static SandboxState Seed() => new()
    {
        Customers = [.. new long[] { 1, 2, 3 }.Select(id => new JsonObject { ["customer_id"] = id, ["surname"] = "Seed" + id })],
        Campaigns =
        [
            new SandboxCampaign { Id = "00001", Records = [.. new long[] { 1, 2, 3 }.Select(c => new SandboxRecord { CustomerId = c })] },
            new SandboxCampaign { Id = "00002" },
            new SandboxCampaign { Id = "00003" },
        ],
        FieldGroups = [new SandboxFieldGroup { GroupId = 2, Fields = [new SandboxField { FieldId = 8, Name = "Count" }] }],
    };
}
