using System.Diagnostics;
using ThuliumPS.Core.Tests.Support;
using ThuliumPS.Sandbox;
using ThuliumPS.Sandbox.Faults;

namespace ThuliumPS.Core.Tests.Sandbox;

/// <summary>Each field of a fault rule does what sandbox.md says, seen from a real HTTP client.</summary>
public sealed class SandboxFaultTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private readonly HttpClient api = sandbox.ApiClient();

    private static readonly object OneCustomer = new { customers = new object[] { new { surname = "Fault" } } };

    public async Task InitializeAsync() => await sandbox.Server.Control.ResetAsync();

    public Task DisposeAsync()
    {
        api.Dispose();
        return Task.CompletedTask;
    }

    private Task Faults(params FaultRule[] rules) => sandbox.Server.Control.SetFaultsAsync(rules);

    private async Task<int> CustomerCount() => (await sandbox.Server.Control.GetStateAsync()).Customers.Count;

    [Fact]
    public async Task Status_answers_instead_of_the_handler_with_body_and_retry_after_then_is_spent_after_times()
    {
        await Faults(new FaultRule { Method = "POST", Path = "/api/batch/customers", Times = 2, Status = 429, RetryAfter = "7", Body = "{\"slow\":\"down\"}" });

        var answers = new List<(int, string?, string)>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await api.PostAsync("batch/customers", System.Net.Http.Json.JsonContent.Create(OneCustomer));
            answers.Add(((int)response.StatusCode, response.Headers.RetryAfter?.ToString(), await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal((429, "7", "{\"slow\":\"down\"}"), answers[0]);
        Assert.Equal(429, answers[1].Item1);
        Assert.Equal(200, answers[2].Item1);
        Assert.Equal(1, await CustomerCount()); // the faulted requests touched nothing
        Assert.Equal([429, 429, 200], (await sandbox.Server.Control.GetStateAsync()).Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Method_and_path_prefix_select_requests_and_rules_are_tried_in_order()
    {
        await Faults(
            new FaultRule { Method = "DELETE", Path = "/api/batch", Status = 503 },
            new FaultRule { Path = "/api/batch/cust", Status = 500 },
            new FaultRule { Status = 502 });

        var (post, _) = await SandboxHttp.SendAsync(api, HttpMethod.Post, "batch/customers", OneCustomer);
        var (delete, _) = await SandboxHttp.SendAsync(api, HttpMethod.Delete, "batch/customers?customer_id[]=1");
        var (get, _) = await SandboxHttp.SendAsync(api, HttpMethod.Get, "customers");
        var (after, _) = await SandboxHttp.SendAsync(api, HttpMethod.Get, "customers");

        Assert.Equal((500, 503, 502, 200), (post, delete, get, after));
    }

    [Fact]
    public async Task Delay_ms_delays_the_answer()
    {
        await Faults(new FaultRule { Path = "/api/customers", DelayMs = 400 });

        var clock = Stopwatch.StartNew();
        var (status, _) = await SandboxHttp.SendAsync(api, HttpMethod.Get, "customers");

        Assert.Equal(200, status);
        Assert.True(clock.ElapsedMilliseconds >= 380, $"answered after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Drop_before_closes_the_connection_and_changes_nothing()
    {
        await Faults(new FaultRule { Path = "/api/batch/customers", Drop = "before" });

        await Assert.ThrowsAsync<HttpRequestException>(() => SandboxHttp.SendAsync(api, HttpMethod.Post, "batch/customers", OneCustomer));

        Assert.Equal(0, await CustomerCount());
        Assert.Equal(0, Assert.Single((await sandbox.Server.Control.GetStateAsync()).Requests).Status);
    }

    [Fact]
    public async Task Drop_after_closes_the_connection_after_the_request_took_effect()
    {
        await Faults(new FaultRule { Path = "/api/batch/customers", Drop = "after" });

        await Assert.ThrowsAsync<HttpRequestException>(() => SandboxHttp.SendAsync(api, HttpMethod.Post, "batch/customers", OneCustomer));

        Assert.Equal(1, await CustomerCount());
    }

    [Fact]
    public async Task Reset_and_delete_clear_the_rules()
    {
        await Faults(new FaultRule { Status = 500, Times = 10 });
        await sandbox.Server.Control.ClearFaultsAsync();
        var (afterDelete, _) = await SandboxHttp.SendAsync(api, HttpMethod.Get, "customers");

        await Faults(new FaultRule { Status = 500, Times = 10 });
        await sandbox.Server.Control.ResetAsync();
        var (afterReset, _) = await SandboxHttp.SendAsync(api, HttpMethod.Get, "customers");

        Assert.Equal((200, 200), (afterDelete, afterReset));
    }
}

/// <summary>--latency-ms delays every /api/ answer (and only those).</summary>
public sealed class SandboxLatencyTests(SandboxLatencyTests.SlowSandbox sandbox) : IClassFixture<SandboxLatencyTests.SlowSandbox>
{
    public sealed class SlowSandbox : SandboxFixture
    {
        protected override SandboxOptions Options => new() { LatencyMs = 1000 };
    }

    [Fact]
    public async Task Api_requests_are_delayed_by_the_latency()
    {
        using var api = sandbox.ApiClient();
        var clock = Stopwatch.StartNew();
        await SandboxHttp.SendAsync(api, HttpMethod.Get, "customers");
        var apiTime = clock.ElapsedMilliseconds;

        clock.Restart();
        await sandbox.Server.Control.GetStateAsync();

        // Generous bounds: the suite runs tests in parallel on two cores.
        Assert.True(apiTime >= 980, $"API answered after {apiTime} ms");
        Assert.True(clock.ElapsedMilliseconds < 700, $"control API answered after {clock.ElapsedMilliseconds} ms");
    }
}

/// <summary>The command-line options reach the sandbox as sandbox.md names them.</summary>
public sealed class SandboxOptionsTests
{
    [Fact]
    public void Command_line_options_are_parsed()
    {
        var options = SandboxOptions.Parse(["--urls", "http://127.0.0.1:1", "--user", "u", "--password", "p", "--latency-ms", "5", "--max-batch", "7", "--max-url-length", "99", "--demo"]);

        Assert.Equal(("u", "p", 5, 7, 99, true), (options.User, options.Password, options.LatencyMs, options.MaxBatch, options.MaxUrlLength, options.Demo));
    }

    [Fact]
    public void Defaults_are_the_contract_s()
    {
        var options = SandboxOptions.Parse([]);

        Assert.Equal(("api_user", "api_pass", 0, 1000, 8192, false), (options.User, options.Password, options.LatencyMs, options.MaxBatch, options.MaxUrlLength, options.Demo));
    }

    [Fact]
    public async Task Demo_starts_with_the_documentation_s_campaigns_and_field_group()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Demo = true });
        var state = await server.Control.GetStateAsync();

        Assert.Equal(["00001", "00002", "00003"], state.Campaigns.Select(c => c.Id).Order());
        Assert.All(state.Campaigns, c => Assert.True(c.Crm && c.Records.Count > 0));
        Assert.Equal([8L, 10L, 12L], Assert.Single(state.FieldGroups, g => g.GroupId == 2).Fields.Select(f => f.FieldId));
        Assert.NotEmpty(state.Customers);
    }
}
