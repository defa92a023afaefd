using System.Net;
using System.Net.Sockets;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using Xunit;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>What goes on the wire, over real loopback HTTP.</summary>
public sealed class WireHeaderTests
{
    [Fact]
    public async Task Basic_authorization_user_agent_and_accept_reach_the_server_exactly()
    {
        // The sandbox accepts exactly "api_user:api_pass" in Base64: the docs' example carries a trailing newline
        // that a faithful copy would send, and the sandbox would then answer 401.
        await using var sandbox = await EngineSandbox.StartAsync(demo: false);
        using var client = new ThuliumClient(EngineSandbox.Settings(sandbox, s => s with { UserAgentFragment = "PowerShell/7.4.6" }));

        await CredentialCheck.ValidateAsync(client, null, CancellationToken.None);

        var request = Assert.Single((await sandbox.Control.GetStateAsync()).Requests);
        Assert.Equal(("GET", "/api/customers?limit=1", 200), (request.Method, request.Target, request.Status));
        Assert.StartsWith("ThuliumPS/", request.UserAgent, StringComparison.Ordinal);
        Assert.EndsWith(" PowerShell/7.4.6", request.UserAgent, StringComparison.Ordinal);
        Assert.Equal("application/json", request.Accept);
    }

    [Fact]
    public async Task A_create_is_retried_when_the_connection_was_never_established()
    {
        // Find a free port, then close it: connecting is refused, so the server cannot have acted.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var settings = ThuliumConnectionSettings.ForBaseUri(new Uri($"http://127.0.0.1:{port}/api/"), new NetworkCredential("api_user", "api_pass"))
            with { AllowUnencryptedAuthentication = true, MaximumRetryCount = 2, RetryInterval = TimeSpan.FromMilliseconds(5) };
        using var client = new ThuliumClient(settings);
        var endpoint = new CreateCustomersEndpoint(client);

        var outcomes = await endpoint.SendAsync("", new[] { new PlannedItem<CustomerDraft>(0, new CustomerDraft { Surname = "A" }) }, CancellationToken.None);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(OutcomeKind.Failed, outcome.Kind);
        Assert.Equal(FailureReason.Transport, outcome.Reason);
        Assert.Equal(3, outcome.Attempts);
        Assert.Contains("nothing was sent", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_check_against_nothing_listening_throws_a_request_exception_without_secrets()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var settings = ThuliumConnectionSettings.ForBaseUri(new Uri($"http://127.0.0.1:{port}/api/"), new NetworkCredential("api_user", "s3cr3t-Pa55"))
            with { AllowUnencryptedAuthentication = true, MaximumRetryCount = 0 };
        using var client = new ThuliumClient(settings);

        var error = await Assert.ThrowsAsync<ThuliumRequestException>(() => CredentialCheck.ValidateAsync(client, null, CancellationToken.None));
        Assert.Equal(FailureReason.Transport, error.Reason);
        Assert.DoesNotContain("s3cr3t-Pa55", error.ToString(), StringComparison.Ordinal);
    }
}
