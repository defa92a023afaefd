using System.Net;
using System.Net.Sockets;
using System.Text;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using Xunit;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>What goes on the wire, over real loopback HTTP.</summary>
public sealed class WireHeaderTests
{
    [Fact]
    public async Task Basic_authorization_user_agent_and_accept_reach_the_server_exactly()
    {
        await using var server = new RawHttpServer(200, """{"count": 0, "result": []}""");
        var settings = ThuliumConnectionSettings.ForBaseUri(server.ApiUri, new NetworkCredential("api_user", "api_pass"))
            with { AllowUnencryptedAuthentication = true, UserAgentFragment = "PowerShell/7.4.6" };
        using var client = new ThuliumClient(settings);

        await client.ValidateCredentialsAsync(CancellationToken.None);

        var head = Assert.Single(server.RequestHeads);
        var lines = head.Split("\r\n");
        Assert.Equal("GET /api/customers?limit=1 HTTP/1.1", lines[0]);
        // user:password in Base64 without the trailing newline the docs' example carries.
        Assert.Contains("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("api_user:api_pass")), lines);
        Assert.Contains(lines, l => l.StartsWith("User-Agent: ThuliumPS/", StringComparison.Ordinal) && l.EndsWith(" PowerShell/7.4.6", StringComparison.Ordinal));
        Assert.Contains("Accept: application/json", lines);
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

        var error = await Assert.ThrowsAsync<ThuliumRequestException>(() => client.ValidateCredentialsAsync(CancellationToken.None));
        Assert.Equal(FailureReason.Transport, error.Reason);
        Assert.DoesNotContain("s3cr3t-Pa55", error.ToString(), StringComparison.Ordinal);
    }
}
