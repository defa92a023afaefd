using System.Diagnostics;
using System.Globalization;
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

/// <summary>Retry rules by method, Retry-After, timeouts, drops and cancellation, against the sandbox over loopback.</summary>
public sealed class ResilienceTests
{
    private static readonly PlannedItem<CustomerDraft>[] TwoDrafts =
    {
        new(0, new CustomerDraft { Surname = "Kowalski" }),
        new(1, new CustomerDraft { Surname = "Nowak" }),
    };

    [Fact]
    public async Task Server_error_on_delete_is_retried_and_succeeds()
    {
        await using var sandbox = await StartAsync();
        const long id = 441;
        await FaultsAsync(sandbox, new FaultRule { Method = "DELETE", Status = 500 });
        var log = new RecordingLog();
        using var client = new ThuliumClient(Settings(sandbox));

        var outcome = Assert.Single(await new DeleteCustomersEndpoint(client, log).SendAsync("", new[] { new PlannedItem<long>(0, id) }, CancellationToken.None));

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(2, outcome.Attempts);
        Assert.DoesNotContain(id, await CustomerIdsAsync(sandbox));
        Assert.Contains(log.Lines, l => l.Contains("attempt 1 of 6 HTTP 500", StringComparison.Ordinal) && l.Contains("retrying in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_error_on_create_is_not_retried_and_nothing_is_created_twice()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "POST", Status = 500, Body = """{"request_id": "fault1", "errors": [{"message": "Scripted failure.", "code": 1}]}""" });
        using var client = new ThuliumClient(Settings(sandbox));

        var outcomes = await new CreateCustomersEndpoint(client).SendAsync("", TwoDrafts, CancellationToken.None);

        Assert.All(outcomes, o =>
        {
            Assert.Equal(OutcomeKind.Failed, o.Kind);
            Assert.Equal(FailureReason.ServerError, o.Reason);
            Assert.Equal(1, o.Attempts);
            Assert.Equal("fault1", o.RequestId);
        });
        Assert.Single((await sandbox.Control.GetStateAsync()).Requests);
        Assert.Equal(3, (await CustomerIdsAsync(sandbox)).Count); // the demo's three, nothing new
    }

    [Fact]
    public async Task Throttled_create_is_retried_after_the_seconds_the_server_asked_for()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "POST", Status = 429, RetryAfter = "1" });
        using var client = new ThuliumClient(Settings(sandbox));
        var clock = Stopwatch.StartNew();

        var outcomes = await new CreateCustomersEndpoint(client).SendAsync("", TwoDrafts, CancellationToken.None);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), "waited " + clock.Elapsed);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        Assert.All(outcomes, o => Assert.Equal(2, o.Attempts));
        Assert.Equal(5, (await CustomerIdsAsync(sandbox)).Count);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_honoured()
    {
        await using var sandbox = await StartAsync();
        // HTTP dates have whole seconds: 3 s ahead is at least 2 s after this clock starts, however long the set-up takes.
        var clock = Stopwatch.StartNew();
        var date = DateTimeOffset.UtcNow.AddSeconds(3).ToString("r", CultureInfo.InvariantCulture);
        await FaultsAsync(sandbox, new FaultRule { Method = "POST", Status = 503, RetryAfter = date });
        using var client = new ThuliumClient(Settings(sandbox));

        var outcomes = await new CreateCustomersEndpoint(client).SendAsync("", TwoDrafts, CancellationToken.None);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), "waited " + clock.Elapsed);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        Assert.Equal(5, (await CustomerIdsAsync(sandbox)).Count);
    }

    [Theory]
    [InlineData("3600")]
    [InlineData("99999999999")]      // parsed, but its wait overflowed Task.Delay: every later request failed
    [InlineData("100000000000000")]  // too large for the typed parser: it was ignored, and the item retried
    public async Task A_retry_after_beyond_the_cap_fails_its_items_and_holds_the_next_request_no_longer_than_the_cap(string retryAfter)
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "POST", Status = 429, RetryAfter = retryAfter });
        using var client = new ThuliumClient(Settings(sandbox, s => s with { MaximumRetryWait = TimeSpan.FromSeconds(1) }));
        var endpoint = new CreateCustomersEndpoint(client);

        var refused = await endpoint.SendAsync("", TwoDrafts, CancellationToken.None);
        Assert.All(refused, o => Assert.Equal(FailureReason.Throttled, o.Reason));

        // The next request on the connection waits out the pause, which the cap bounds, and goes through.
        var clock = Stopwatch.StartNew();
        var next = await endpoint.SendAsync("", TwoDrafts, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "waited " + clock.Elapsed);
        Assert.All(next, o => Assert.Equal(OutcomeKind.Succeeded, o.Kind));
    }

    [Fact]
    public async Task Retry_after_beyond_the_cap_fails_throttled_naming_the_wait()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "POST", Status = 429, RetryAfter = "120" });
        using var client = new ThuliumClient(Settings(sandbox, s => s with { MaximumRetryWait = TimeSpan.FromSeconds(5) }));
        var clock = Stopwatch.StartNew();

        var outcomes = await new CreateCustomersEndpoint(client).SendAsync("", TwoDrafts, CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.All(outcomes, o =>
        {
            Assert.Equal(FailureReason.Throttled, o.Reason);
            Assert.Equal(1, o.Attempts);
            Assert.Contains("wait 2 min 0 s", o.Message, StringComparison.Ordinal);
        });
        Assert.Equal(3, (await CustomerIdsAsync(sandbox)).Count);
    }

    [Fact]
    public async Task Dropped_answer_on_create_is_unknown_and_never_resent()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "POST", Drop = "after" });
        using var client = new ThuliumClient(Settings(sandbox));

        var outcomes = await new CreateCustomersEndpoint(client).SendAsync("", new[] { TwoDrafts[0] }, CancellationToken.None);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(OutcomeKind.Unknown, outcome.Kind);
        Assert.Equal(FailureReason.OutcomeUnknown, outcome.Reason);
        Assert.Equal(1, outcome.Attempts);
        Assert.Contains("may have created the item.", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("does not resend it", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("search customers", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(4, (await CustomerIdsAsync(sandbox)).Count); // created exactly once
        Assert.Single((await sandbox.Control.GetStateAsync()).Requests);
    }

    [Fact]
    public async Task A_lost_answer_to_field_group_items_advises_checking_the_group_not_a_customer_search()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "POST", Drop = "after" });
        using var client = new ThuliumClient(Settings(sandbox));

        var outcomes = await new AddFieldGroupItemEndpoint(client).SendAsync("", [new PlannedItem<FieldGroupItemDraft>(0, new FieldGroupItemDraft(2, 441, [new FieldValue(8, "v")]))], CancellationToken.None);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(OutcomeKind.Unknown, outcome.Kind);
        Assert.Contains("the customer's items in that field group", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("search customers", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dropped_answer_on_delete_is_retried_and_a_later_not_found_counts_as_gone_naming_the_earlier_attempt()
    {
        await using var sandbox = await StartAsync();
        const long id = 441;
        await FaultsAsync(sandbox, new FaultRule { Method = "DELETE", Drop = "after" });
        using var client = new ThuliumClient(Settings(sandbox));

        var outcome = Assert.Single(await new DeleteCustomersEndpoint(client).SendAsync("", new[] { new PlannedItem<long>(0, id) }, CancellationToken.None));

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(2, outcome.Attempts);
        Assert.Contains("that attempt most likely removed it", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(id, await CustomerIdsAsync(sandbox));
    }

    [Fact]
    public async Task Timeout_on_create_is_unknown_and_on_delete_is_retried()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "POST", DelayMs = 2000 });
        using var client = new ThuliumClient(Settings(sandbox, s => s with { Timeout = TimeSpan.FromMilliseconds(300) }));

        var created = Assert.Single(await new CreateCustomersEndpoint(client).SendAsync("", new[] { TwoDrafts[0] }, CancellationToken.None));
        Assert.Equal(OutcomeKind.Unknown, created.Kind);
        Assert.Contains("timeout", created.Message, StringComparison.Ordinal);
        Assert.Equal(1, created.Attempts);

        const long id = 442;
        await FaultsAsync(sandbox, new FaultRule { Method = "DELETE", DelayMs = 2000 });
        var deleted = Assert.Single(await new DeleteCustomersEndpoint(client).SendAsync("", new[] { new PlannedItem<long>(0, id) }, CancellationToken.None));
        Assert.Equal(2, deleted.Attempts);
        Assert.DoesNotContain(id, await CustomerIdsAsync(sandbox));
    }

    [Fact]
    public async Task Cancellation_stops_a_slow_request_quickly_and_is_not_retried()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "DELETE", DelayMs = 10_000 });
        using var client = new ThuliumClient(Settings(sandbox));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new DeleteCustomersEndpoint(client).SendAsync("", new[] { new PlannedItem<long>(0, 1) }, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), "took " + clock.Elapsed);
    }

    [Fact]
    public async Task Unauthorized_answer_throws_authentication_exception_without_secrets()
    {
        await using var sandbox = await StartAsync();
        await FaultsAsync(sandbox, new FaultRule { Method = "DELETE", Status = 401, Body = """{"request_id": "r401", "errors": [{"message": "Unauthorized.", "code": 401}]}""" });
        using var client = new ThuliumClient(Settings(sandbox));

        var error = await Assert.ThrowsAsync<ThuliumAuthenticationException>(
            () => new DeleteCustomersEndpoint(client).SendAsync("", new[] { new PlannedItem<long>(0, 1) }, CancellationToken.None));

        Assert.Equal(FailureReason.Unauthorized, error.Reason);
        Assert.Equal("r401", error.RequestId);
        Assert.Equal(1, error.Attempts); // one request went out and was answered: the results say so
        Assert.Contains("api_user", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("api_pass", error.ToString(), StringComparison.Ordinal);
        Assert.Single((await sandbox.Control.GetStateAsync()).Requests);
    }

    private static async Task<IReadOnlyList<long>> CustomerIdsAsync(ThuliumPS.Sandbox.SandboxServer sandbox)
        => (await sandbox.Control.GetStateAsync()).Customers.Select(c => (long)c["customer_id"]!).ToArray();
}
