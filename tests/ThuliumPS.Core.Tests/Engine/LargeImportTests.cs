using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Models;
using ThuliumPS.Sandbox;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>A 10,000-row CSV-like import with 1% bad rows: exactly the bad rows fail, every row gets one result, in order.</summary>
public sealed class LargeImportTests
{
    [Fact]
    public async Task Ten_thousand_rows_with_one_percent_bad_rows_fail_exactly_the_bad_rows()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = new ThuliumClient(EngineSandbox.Settings(sandbox));
        var log = new EngineMessageQueue();
        var mapper = new CustomerInputMapper(log);
        using var runner = new BulkRunner<CustomerDraft>(new CreateCustomersEndpoint(client, log), new BulkOptions(), log, CancellationToken.None);

        // Four kinds of bad row, each 0.25%: caught locally (no surname, not a boolean) or by the server (phone, e-mail).
        static bool IsBad(int row) => row % 100 == 42;
        static Dictionary<string, object?> Row(int row) => (row % 400) switch
        {
            42 => new() { ["name"] = "No", ["surname"] = "" },
            142 => new() { ["surname"] = "V" + row, ["vip"] = "maybe" },
            242 => new() { ["surname"] = "P" + row, ["phone_number"] = "12-34" },
            342 => new() { ["surname"] = "E" + row, ["email"] = "nobody" },
            _ => new() { ["surname"] = "Row" + row, ["email"] = $"r{row}@x.pl", ["vip"] = row % 2 == 0 ? "tak" : "nie", ["address.city"] = "Kraków" },
        };

        var outcomes = new List<ItemOutcome>();
        for (var row = 0; row < 10_000; row++)
        {
            var mapped = mapper.Map(Row(row));
            if (mapped.IsValid)
            {
                runner.Enqueue(mapped.Value!);
            }
            else
            {
                runner.EnqueueFailure(mapped.Error!);
            }

            outcomes.AddRange(runner.TakeReady().Where(e => e.Outcome is not null).Select(e => e.Outcome!));
        }

        outcomes.AddRange(runner.Complete().Where(e => e.Outcome is not null).Select(e => e.Outcome!));

        Assert.Equal(Enumerable.Range(0, 10_000), outcomes.Select(o => o.InputIndex));
        Assert.Equal(Enumerable.Range(0, 10_000).Where(IsBad), outcomes.Where(o => !o.Succeeded).Select(o => o.InputIndex));
        var state = await sandbox.Control.GetStateAsync();
        Assert.Equal(9_900, state.Customers.Count);
        Assert.Equal(9_900, state.Customers.Select(c => (string)c["surname"]!).Distinct().Count());
        Assert.Equal(outcomes.Where(o => o.Succeeded).Select(o => o.ReturnedId!.Value).Order(), state.Customers.Select(c => (long)c["customer_id"]!).Order());
    }
}
