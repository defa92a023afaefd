using System.Diagnostics;
using System.Text.Json.Nodes;
using ThuliumPS.Core.Tests.Support;
using ThuliumPS.Sandbox;
using ThuliumPS.Sandbox.State;

namespace ThuliumPS.Core.Tests.Sandbox;

/// <summary>The sandbox answers the documented requests with the documented shapes (shared/sandbox.md).</summary>
public sealed class SandboxApiTests(SandboxApiTests.DemoSandbox sandbox) : IClassFixture<SandboxApiTests.DemoSandbox>, IAsyncLifetime
{
    public sealed class DemoSandbox : SandboxFixture
    {
        protected override SandboxOptions Options => new() { MaxBatch = 3, MaxUrlLength = 200 };
    }

    private readonly HttpClient api = sandbox.ApiClient();

    public async Task InitializeAsync()
    {
        await sandbox.Server.Control.ResetAsync();
        await sandbox.Server.Control.SeedAsync(DemoState());
    }

    public Task DisposeAsync()
    {
        api.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Post_batch_customers_answers_by_position_with_the_id_as_a_string_and_207_when_mixed()
    {
        var (status, body) = await SandboxHttp.SendAsync(api, HttpMethod.Post, "batch/customers",
            new { customers = new object[] { new { surname = "Zieliński" }, new { phone_number = "333444555" } } });

        Assert.Equal(207, status);
        Assert.Equal(201, (int)body!["0"]!["http_status"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.String, body["0"]!["customer_id"]!.GetValueKind());
        Assert.Equal(400, (int)body["1"]!["http_status"]!);
        Assert.Equal("Surname is required.", (string)body["1"]!["message"]!);

        var state = await sandbox.Server.Control.GetStateAsync();
        var created = Assert.Single(state.Customers, c => (string?)c["surname"] == "Zieliński");
        Assert.Equal(long.Parse((string)body["0"]!["customer_id"]!), (long)created["customer_id"]!);
    }

    [Theory]
    [InlineData("12a", null, "Phone number must be numeric.")]
    [InlineData(null, "no-at-sign", "Invalid e-mail address.")]
    public async Task Post_batch_customers_rejects_bad_phone_and_email_per_item(string? phone, string? email, string message)
    {
        var (status, body) = await SandboxHttp.SendAsync(api, HttpMethod.Post, "batch/customers",
            new { customers = new object[] { new { surname = "A", phone_number = phone, email } } });

        Assert.Equal(200, status); // every item has the same status
        Assert.Equal(message, (string)body!["0"]!["message"]!);
    }

    [Fact]
    public async Task Post_batch_customers_accepts_arrays_and_stores_every_field()
    {
        var customer = new JsonObject
        {
            ["surname"] = "Dąbrowska",
            ["email"] = new JsonArray("a@x.pl", "b@x.pl"),
            ["phone_number"] = new JsonArray("+48111", "222"),
            ["vip"] = false,
            ["address"] = new JsonObject { ["city"] = "Kraków" },
            ["custom_fields"] = new JsonObject { ["Źródło"] = "web" },
        };
        var (status, _) = await SandboxHttp.SendAsync(api, HttpMethod.Post, "batch/customers", new JsonObject { ["customers"] = new JsonArray(customer) });

        Assert.Equal(200, status);
        var stored = (await sandbox.Server.Control.GetStateAsync()).Customers.Single(c => (string?)c["surname"] == "Dąbrowska");
        Assert.Equal(2, stored["email"]!.AsArray().Count);
        Assert.False((bool)stored["vip"]!);
        Assert.Equal("Kraków", (string)stored["address"]!["city"]!);
        Assert.Equal("web", (string)stored["custom_fields"]!["Źródło"]!);
    }

    [Fact]
    public async Task Delete_batch_customers_is_keyed_by_id_takes_raw_and_encoded_brackets_and_cascades()
    {
        await SandboxHttp.SendAsync(api, HttpMethod.Post, "customer_field_group_items", new { group_id = 2, customer_id = 441, values = new[] { new { field_id = 8, value = "1" } } });

        var (status, body) = await SandboxHttp.SendAsync(api, HttpMethod.Delete, "batch/customers?customer_id[]=441&customer_id%5B%5D=999");

        Assert.Equal(207, status);
        Assert.Equal(204, (int)body!["441"]!["http_status"]!);
        Assert.Equal("Customer not found.", (string)body["999"]!["message"]!);
        var state = await sandbox.Server.Control.GetStateAsync();
        Assert.DoesNotContain(state.Customers, c => (long)c["customer_id"]! == 441);
        Assert.DoesNotContain(state.Campaigns.SelectMany(c => c.Records), r => r.CustomerId == 441);
        Assert.Empty(state.FieldGroupItems);
    }

    [Fact]
    public async Task Delete_batch_outbounds_answers_an_array_and_queues_once()
    {
        var (status, body) = await SandboxHttp.SendAsync(api, HttpMethod.Delete, "batch/outbounds?id[]=00001&id[]=00009&delete_recordings=true");
        var (_, again) = await SandboxHttp.SendAsync(api, HttpMethod.Delete, "batch/outbounds?id[]=00001");

        Assert.Equal(207, status);
        var items = body!.AsArray();
        Assert.Equal(("00001", 200, "REMOVAL_QUEUED"), ((string)items[0]!["id"]!, (int)items[0]!["http_status"]!, (string)items[0]!["status"]!));
        Assert.Equal(("00009", 404, "NOT_EXIST"), ((string)items[1]!["id"]!, (int)items[1]!["http_status"]!, (string)items[1]!["status"]!));
        Assert.Equal("ALREADY_QUEUED", (string)again!.AsArray()[0]!["status"]!);
        var campaign = (await sandbox.Server.Control.GetStateAsync()).Campaigns.Single(c => c.Id == "00001");
        Assert.True(campaign.Queued);
        Assert.True(campaign.DeleteRecordings);
    }

    [Fact]
    public async Task Delete_crm_records_reports_removed_not_exist_and_call_in_progress()
    {
        var (status, body) = await SandboxHttp.SendAsync(api, HttpMethod.Delete, "batch/crm_outbounds/00002/records?customer_id[]=441&customer_id[]=445&customer_id[]=442");

        Assert.Equal(207, status);
        Assert.Equal(("REMOVED", 5237L), ((string)body!["441"]!["status"]!, (long)body["441"]!["record_id"]!));
        Assert.Equal((409, "CALL_IN_PROGRESS"), ((int)body["445"]!["http_status"]!, (string)body["445"]!["status"]!));
        Assert.Equal("NOT_EXIST", (string)body["442"]!["status"]!);
        var records = (await sandbox.Server.Control.GetStateAsync()).Campaigns.Single(c => c.Id == "00002").Records;
        Assert.Equal([445L], records.Select(r => r.CustomerId));
    }

    [Fact]
    public async Task Delete_crm_records_of_an_unknown_campaign_is_a_404_error_body()
    {
        var (status, body) = await SandboxHttp.SendAsync(api, HttpMethod.Delete, "batch/crm_outbounds/00077/records?customer_id[]=441");

        Assert.Equal(404, status);
        Assert.NotNull((string?)body!["request_id"]);
        Assert.NotEmpty(body["errors"]!.AsArray());
    }

    [Theory]
    [InlineData(2, 441, 8, 201)]
    [InlineData(7, 441, 8, 404)]
    [InlineData(2, 999, 8, 404)]
    [InlineData(2, 441, 9, 400)]
    public async Task Post_field_group_item_creates_or_refuses(long group, long customer, long field, int expected)
    {
        var (status, body) = await SandboxHttp.SendAsync(api, HttpMethod.Post, "customer_field_group_items",
            new { group_id = group, customer_id = customer, values = new object[] { new { field_id = field, value = 13 } } });

        Assert.Equal(expected, status);
        var items = (await sandbox.Server.Control.GetStateAsync()).FieldGroupItems;
        if (expected == 201)
        {
            Assert.Equal((long)body!["item_id"]!, Assert.Single(items).ItemId);
        }
        else
        {
            Assert.Empty(items);
            Assert.NotEmpty(body!["errors"]!.AsArray());
        }
    }

    [Fact]
    public async Task Get_customers_by_id_and_as_a_page()
    {
        var (found, customer) = await SandboxHttp.SendAsync(api, HttpMethod.Get, "customers/441");
        var (missing, _) = await SandboxHttp.SendAsync(api, HttpMethod.Get, "customers/999");
        var (_, page) = await SandboxHttp.SendAsync(api, HttpMethod.Get, "customers?limit=1&offset=1");

        Assert.Equal((200, "Kowalski"), (found, (string)customer!["surname"]!));
        Assert.Equal(404, missing);
        Assert.Equal(3, (int)page!["count"]!);
        Assert.Equal(442, (long)Assert.Single(page["result"]!.AsArray())!["customer_id"]!);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("api_user", "wrong")]
    public async Task Wrong_or_missing_credentials_get_401_with_the_error_body(string? user, string? password)
    {
        using var client = user is null ? new HttpClient { BaseAddress = sandbox.Server.ApiUri } : sandbox.ApiClient(user, password!);

        var (status, body) = await SandboxHttp.SendAsync(client, HttpMethod.Get, "customers");

        Assert.Equal(401, status);
        Assert.NotNull((string?)body!["request_id"]);
        Assert.NotNull((string?)body["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task Malformed_json_and_missing_parameters_get_400()
    {
        using var malformed = new StringContent("{\"customers\": [", System.Text.Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("batch/customers", malformed);
        var (missing, _) = await SandboxHttp.SendAsync(api, HttpMethod.Post, "batch/customers", new { people = Array.Empty<object>() });
        var (noIds, _) = await SandboxHttp.SendAsync(api, HttpMethod.Delete, "batch/customers");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(400, missing);
        Assert.Equal(400, noIds);
    }

    [Fact]
    public async Task More_items_than_max_batch_get_400_and_a_longer_target_than_max_url_length_gets_414()
    {
        var (tooMany, body) = await SandboxHttp.SendAsync(api, HttpMethod.Delete, "batch/customers?customer_id[]=1&customer_id[]=2&customer_id[]=3&customer_id[]=4");
        var longTarget = "batch/customers?" + string.Join("&", Enumerable.Range(1, 3).Select(i => "customer_id[]=" + new string('1', 60)));
        var (tooLong, _) = await SandboxHttp.SendAsync(api, HttpMethod.Delete, longTarget);

        Assert.Equal(400, tooMany);
        Assert.NotEmpty(body!["errors"]!.AsArray());
        Assert.Equal(414, tooLong);
        Assert.Equal(3, (await sandbox.Server.Control.GetStateAsync()).Customers.Count); // nothing deleted
    }

    [Fact]
    public async Task Every_api_request_is_logged_with_method_target_status_and_items()
    {
        await SandboxHttp.SendAsync(api, HttpMethod.Post, "batch/customers", new { customers = new object[] { new { surname = "A" }, new { surname = "B" } } });
        await SandboxHttp.SendAsync(api, HttpMethod.Delete, "batch/customers?customer_id%5B%5D=441&customer_id%5B%5D=442&customer_id%5B%5D=445");

        var log = (await sandbox.Server.Control.GetStateAsync()).Requests;

        Assert.Equal(2, log.Count);
        Assert.Equal(("POST", "/api/batch/customers", 200, 2), (log[0].Method, log[0].Target, log[0].Status, log[0].Items));
        Assert.Equal(("DELETE", 200, 3), (log[1].Method, log[1].Status, log[1].Items));
        Assert.StartsWith("/api/batch/customers?customer_id", log[1].Target, StringComparison.Ordinal);
    }

    internal static SandboxState DemoState()
    {
        var state = new SandboxState
        {
            Customers =
            [
                new JsonObject { ["customer_id"] = 441, ["surname"] = "Kowalski" },
                new JsonObject { ["customer_id"] = 442, ["surname"] = "Nowak" },
                new JsonObject { ["customer_id"] = 445, ["surname"] = "Wiśniewski" },
            ],
            Campaigns =
            [
                new SandboxCampaign { Id = "00001", Records = [new SandboxRecord { RecordId = 5235, CustomerId = 441 }] },
                new SandboxCampaign
                {
                    Id = "00002",
                    Records = [new SandboxRecord { RecordId = 5237, CustomerId = 441 }, new SandboxRecord { RecordId = 5238, CustomerId = 445, InCall = true }],
                },
            ],
            FieldGroups = [new SandboxFieldGroup { GroupId = 2, Fields = [new SandboxField { FieldId = 8, Name = "Count" }, new SandboxField { FieldId = 10, Name = "Comment" }] }],
        };
        return state;
    }
}
