using System.Net;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Tests.Engine;
using ThuliumPS.Sandbox.Faults;
using Xunit;
using static ThuliumPS.Core.Tests.Engine.EngineSandbox;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Tests.Connection;

/// <summary>
/// Issue 7 in the engine: per-command retry policies over a shared HTTP client, the environment reader, and
/// TLS/http advice that follows what the user gave. HTTP cases run against the sandbox over loopback.
/// </summary>
public sealed class ConnectionTests
{
    private const string Password = "s3cr3t-Pa55";

    [Fact]
    public async Task A_retry_policy_client_uses_its_own_policy_and_disposing_it_leaves_the_original_working()
    {
        await using var sandbox = await StartAsync();
        using var original = new ThuliumClient(Settings(sandbox));
        var strict = original.WithRetryPolicy(0, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(0, strict.Settings.MaximumRetryCount);
        Assert.Equal(original.Settings.BaseUri, strict.Settings.BaseUri);

        // One scripted 500 per delete: the strict client gives up after one attempt, the original retries.
        await FaultsAsync(sandbox, new FaultRule { Method = "DELETE", Status = 500 });
        var failed = Assert.Single(await new DeleteCustomersEndpoint(strict, new RecordingLog()).SendAsync("", new[] { new PlannedItem<long>(0, 441) }, CancellationToken.None));
        Assert.Equal(FailureReason.ServerError, failed.Reason);
        Assert.Equal(1, failed.Attempts);

        strict.Dispose();

        await FaultsAsync(sandbox, new FaultRule { Method = "DELETE", Status = 500 });
        var removed = Assert.Single(await new DeleteCustomersEndpoint(original, new RecordingLog()).SendAsync("", new[] { new PlannedItem<long>(0, 441) }, CancellationToken.None));
        Assert.True(removed.Succeeded, removed.Message);
        Assert.Equal(2, removed.Attempts);
    }

    [Fact]
    public void A_retry_policy_client_validates_its_options()
    {
        using var client = new ThuliumClient(ThuliumConnectionSettings.ForBaseUri(new Uri("https://h.example/api/"), new NetworkCredential("u", "p")));
        Assert.Throws<InvalidOperationException>(() => client.WithRetryPolicy(-1, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<InvalidOperationException>(() => client.WithRetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData("1", true)]
    [InlineData("tak", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    [InlineData("Nie", false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    public void The_unencrypted_opt_in_takes_the_text_booleans_of_csv_input(string? value, bool expected)
    {
        var settings = EnvironmentConnection.Read(Variables(("THULIUM_BASE_URI", "http://127.0.0.1:9/api/"), ("THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION", value)));
        Assert.Equal(expected, settings.AllowUnencryptedAuthentication);
    }

    [Fact]
    public void An_unreadable_opt_in_is_an_error_naming_the_variable_and_the_accepted_words()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EnvironmentConnection.Read(Variables(("THULIUM_BASE_URI", "http://127.0.0.1:9/api/"), ("THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION", "sure"))));
        Assert.Contains("THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION", error.Message, StringComparison.Ordinal);
        Assert.Contains("tak/nie", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_from_the_environment_is_refused_naming_the_variable_not_a_switch()
    {
        var settings = EnvironmentConnection.Read(Variables(("THULIUM_BASE_URI", "http://127.0.0.1:9/api/")));
        var error = Assert.Throws<InvalidOperationException>(() => new ThuliumClient(settings));
        Assert.Contains("THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION=true", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(-AllowUnencryptedAuthentication)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_nothing_set_the_error_says_how_to_connect_and_a_given_credential_replaces_the_user_variables()
    {
        var none = Assert.Throws<InvalidOperationException>(() => EnvironmentConnection.Read(_ => null));
        Assert.Equal(EnvironmentConnection.HowToConnect, none.Message);

        var noUser = Assert.Throws<InvalidOperationException>(() => EnvironmentConnection.Read(name => name == "THULIUM_INSTANCE" ? "acme" : null));
        Assert.Contains("THULIUM_API_USER", noUser.Message, StringComparison.Ordinal);

        var settings = EnvironmentConnection.Read(name => name == "THULIUM_INSTANCE" ? "acme" : null, new NetworkCredential("given", "pw"));
        Assert.Equal("given", settings.UserName);
        Assert.Equal(new Uri("https://acme.thulium.com/api/"), settings.BaseUri);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failed_handshake_advises_SkipCertificateCheck_only_when_it_was_not_given(bool skipped)
    {
        // https to the sandbox's plain-http port: the handshake fails with or without a certificate check.
        await using var sandbox = await StartAsync(demo: false);
        var https = new UriBuilder(sandbox.ApiUri) { Scheme = Uri.UriSchemeHttps }.Uri;
        using var client = new ThuliumClient(ThuliumConnectionSettings.ForBaseUri(https, new NetworkCredential("api_user", Password)) with
        {
            SkipCertificateCheck = skipped,
            MaximumRetryCount = 0,
        });

        var error = await Assert.ThrowsAsync<ThuliumRequestException>(() => CredentialCheck.ValidateAsync(client, null, CancellationToken.None));

        Assert.Contains("nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
        if (skipped)
        {
            Assert.DoesNotContain("connect with -SkipCertificateCheck", error.Message, StringComparison.Ordinal);
            Assert.Contains("already skipped", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("connect with -SkipCertificateCheck", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refusing_http_says_when_SkipCertificateCheck_cannot_help()
    {
        var settings = ThuliumConnectionSettings.ForBaseUri(new Uri("http://127.0.0.1:9/api/"), new NetworkCredential("api_user", Password));
        var plain = Assert.Throws<InvalidOperationException>(() => new ThuliumClient(settings));
        Assert.DoesNotContain("SkipCertificateCheck", plain.Message, StringComparison.Ordinal);

        var skipped = Assert.Throws<InvalidOperationException>(() => new ThuliumClient(settings with { SkipCertificateCheck = true }));
        Assert.Contains("-SkipCertificateCheck does not apply to http://", skipped.Message, StringComparison.Ordinal);
        Assert.Contains("(-AllowUnencryptedAuthentication)", skipped.Message, StringComparison.Ordinal);
    }

    // A fixed user and password, plus the variables given (SettingErrorTests reads the environment through it too).
    internal static Func<string, string?> Variables(params (string Name, string? Value)[] values)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["THULIUM_API_USER"] = "api_user",
            ["THULIUM_API_PASSWORD"] = Password,
        };
        foreach (var (name, value) in values)
        {
            all[name] = value;
        }

        return name => all.TryGetValue(name, out var value) ? value : null;
    }
}
