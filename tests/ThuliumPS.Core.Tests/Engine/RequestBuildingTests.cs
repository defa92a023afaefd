using System.Net;
using System.Text;
using System.Text.Json;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using Xunit;
using static ThuliumPS.Core.Tests.Engine.MappingFixtures;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>Request targets, bodies and settings, without HTTP.</summary>
public sealed class RequestBuildingTests
{
    [Fact]
    public void Target_lengths_match_the_built_targets_exactly()
    {
        using var client = new ThuliumClient(LocalSettings("http://127.0.0.1:9/some/prefix/api/"));
        var basePath = client.Settings.BaseUri.AbsolutePath;

        var ids = Planned(13L, 1234567890123L, 0L);
        var customers = new DeleteCustomersEndpoint(client);
        Assert.Equal((basePath + customers.BuildRequest("", ids).Target).Length, customers.BaseTargetLength("") + ids.Sum(i => customers.TargetLengthOf(i.Item)));
        Assert.Equal("batch/customers?customer_id%5B%5D=13&customer_id%5B%5D=1234567890123&customer_id%5B%5D=0", customers.BuildRequest("", ids).Target);

        foreach (var recordings in new[] { false, true })
        {
            var campaigns = new DeleteCampaignsEndpoint(client, recordings);
            var cids = Planned("00001", "a b/ą");
            var target = campaigns.BuildRequest("", cids).Target;
            Assert.Equal((basePath + target).Length, campaigns.BaseTargetLength("") + cids.Sum(i => campaigns.TargetLengthOf(i.Item)));
        }

        Assert.Equal("batch/outbounds?delete_recordings=true&id%5B%5D=00001", new DeleteCampaignsEndpoint(client, deleteRecordings: true).BuildRequest("", Planned("00001")).Target);

        var records = new DeleteCrmRecordsEndpoint(client);
        var keys = Planned(new CrmRecordKey("00001", 441), new CrmRecordKey("00001", 442));
        Assert.Equal("batch/crm_outbounds/00001/records?customer_id%5B%5D=441&customer_id%5B%5D=442", records.BuildRequest("00001", keys).Target);
        Assert.Equal((basePath + records.BuildRequest("00001", keys).Target).Length, records.BaseTargetLength("00001") + keys.Sum(k => records.TargetLengthOf(k.Item)));

        Assert.Equal(basePath.Length + "batch/customers".Length, new CreateCustomersEndpoint(client).BaseTargetLength(""));
        Assert.Equal(basePath.Length + "customer_field_group_items".Length, new AddFieldGroupItemEndpoint(client).BaseTargetLength(""));
    }

    [Fact]
    public void Customer_body_sends_only_given_fields_and_typed_custom_values()
    {
        var draft = new CustomerDraft
        {
            Surname = "Kowalski",
            Email = new[] { "a@b.pl" },
            PhoneNumber = new[] { "111", "222" },
            Vip = true,
            CustomFields = new Dictionary<string, object?> { ["Miasto"] = "Kraków", ["Count"] = 3, ["Ok"] = false, ["Price"] = 1.5m },
        };
        var request = new CreateCustomersEndpoint(LocalClient).BuildRequest("", Planned(draft));
        using var json = JsonDocument.Parse(request.Body!);
        var customer = json.RootElement.GetProperty("customers")[0];

        Assert.Equal("Kowalski", customer.GetProperty("surname").GetString());
        Assert.Equal(JsonValueKind.String, customer.GetProperty("email").ValueKind);
        Assert.Equal(2, customer.GetProperty("phone_number").GetArrayLength());
        Assert.False(customer.TryGetProperty("name", out _));
        Assert.False(customer.TryGetProperty("address", out _));
        var fields = customer.GetProperty("custom_fields");
        Assert.Equal("Kraków", fields.GetProperty("Miasto").GetString());
        Assert.Equal(3, fields.GetProperty("Count").GetInt32());
        Assert.Equal(JsonValueKind.False, fields.GetProperty("Ok").ValueKind);
        Assert.Equal(1.5m, fields.GetProperty("Price").GetDecimal());
        Assert.Equal("POST", request.Method.Method);
    }

    [Fact]
    public async Task Unsupported_custom_value_fails_its_item_locally_without_a_request()
    {
        // Nothing listens on port 9: a request would fail as a transport error, not as InvalidInput.
        using var client = new ThuliumClient(LocalSettings() with { MaximumRetryCount = 0 });
        var endpoint = new CreateCustomersEndpoint(client);
        var items = Planned(new CustomerDraft { Surname = "A", CustomFields = new Dictionary<string, object?> { ["When"] = DateTime.UtcNow } });

        var outcome = Assert.Single(await endpoint.SendAsync("", items, CancellationToken.None));
        Assert.Equal(FailureReason.InvalidInput, outcome.Reason);
        Assert.Equal(0, outcome.Attempts);
        Assert.Contains("custom_fields.When", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme", "https://acme.thulium.com/api/")]
    [InlineData("ACME-2", "https://acme-2.thulium.com/api/")]
    [InlineData("acme.thulium.com", "https://acme.thulium.com/api/")]
    public void Instance_name_becomes_the_hosted_base_uri(string name, string expected)
        => Assert.Equal(expected, ThuliumConnectionSettings.ForInstance(name, new NetworkCredential("u", "p")).BaseUri.AbsoluteUri);

    [Theory]
    [InlineData("")]
    [InlineData("-acme")]
    [InlineData("acme/evil")]
    [InlineData("acme.example.com")]
    [InlineData("ac me")]
    public void Invalid_instance_names_are_refused(string name)
    {
        var error = Assert.Throws<InvalidConnectionSettingException>(() => ThuliumConnectionSettings.ForInstance(name, new NetworkCredential("u", "p")));
        Assert.DoesNotContain("(Parameter", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://host.example", "https://host.example/api/")]
    [InlineData("https://host.example/", "https://host.example/api/")]
    [InlineData("https://host.example/api", "https://host.example/api/")]
    [InlineData("https://host.example/api/", "https://host.example/api/")]
    [InlineData("http://127.0.0.1:5151/proxy/thulium", "http://127.0.0.1:5151/proxy/thulium/")]
    public void Base_uri_is_normalised(string given, string expected)
        => Assert.Equal(expected, ThuliumConnectionSettings.ForBaseUri(new Uri(given), new NetworkCredential("u", "p")).BaseUri.AbsoluteUri);

    [Fact]
    public void Base_uri_with_query_or_user_info_is_refused()
    {
        Assert.Throws<InvalidConnectionSettingException>(() => ThuliumConnectionSettings.ForBaseUri(new Uri("https://h/api/?x=1"), new NetworkCredential("u", "p")));
        var userInfo = Assert.Throws<InvalidConnectionSettingException>(() => ThuliumConnectionSettings.ForBaseUri(new Uri("https://u:secret@h/api/"), new NetworkCredential("u", "p")));
        Assert.DoesNotContain("secret", userInfo.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidConnectionSettingException>(() => ThuliumConnectionSettings.ForBaseUri(new Uri("ftp://h/api/"), new NetworkCredential("u", "p")));
    }

    [Fact]
    public void Plain_http_is_refused_without_the_opt_in()
    {
        var settings = ThuliumConnectionSettings.ForBaseUri(new Uri("http://127.0.0.1:9/api/"), new NetworkCredential("api_user", "s3cr3t-Pa55"));
        var error = Assert.Throws<InvalidOperationException>(() => new ThuliumClient(settings));
        Assert.Contains("unencrypted", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("s3cr3t-Pa55", error.Message, StringComparison.Ordinal);

        using var allowed = new ThuliumClient(settings with { AllowUnencryptedAuthentication = true });
        Assert.True(allowed.Settings.AllowUnencryptedAuthentication);
    }

    [Fact]
    public void Nothing_public_prints_the_password()
    {
        var settings = ThuliumConnectionSettings.ForBaseUri(new Uri("https://h.example/api/"), new NetworkCredential("api_user", "s3cr3t-Pa55")) with { UserAgentFragment = "PowerShell/7.4.6" };
        using var client = new ThuliumClient(settings);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("api_user:s3cr3t-Pa55"));

        foreach (var text in new[] { settings.ToString(), client.ToString(), client.UserAgentHeader })
        {
            Assert.DoesNotContain("s3cr3t-Pa55", text, StringComparison.Ordinal);
            Assert.DoesNotContain(base64, text, StringComparison.Ordinal);
        }

        Assert.Equal("api_user @ https://h.example/api/", settings.ToString());
        Assert.StartsWith("ThuliumPS/", client.UserAgentHeader, StringComparison.Ordinal);
        Assert.EndsWith(" PowerShell/7.4.6", client.UserAgentHeader, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_options_are_refused()
    {
        var settings = LocalSettings();
        Assert.Throws<InvalidOperationException>(() => new ThuliumClient(settings with { MaximumRetryCount = -1 }));
        Assert.Throws<InvalidOperationException>(() => new ThuliumClient(settings with { Timeout = TimeSpan.FromMilliseconds(1) }));
        Assert.Throws<InvalidOperationException>(() => new ThuliumClient(settings with { MaximumRetryWait = TimeSpan.Zero }));
    }
}
