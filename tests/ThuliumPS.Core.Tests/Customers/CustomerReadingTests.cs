using System.Text;
using System.Text.Json.Nodes;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Tests.Engine;
using ThuliumPS.Core.Tests.Support;
using ThuliumPS.Sandbox.Faults;
using ThuliumPS.Sandbox.State;
using static ThuliumPS.Core.Tests.Engine.EngineSandbox;

namespace ThuliumPS.Core.Tests.Customers;

/// <summary>CustomerReader, CustomerPager and CustomerLookup against the in-process sandbox (real loopback HTTP).</summary>
public sealed class CustomerReadingTests : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private readonly SandboxFixture sandbox;

    public CustomerReadingTests(SandboxFixture sandbox) => this.sandbox = sandbox;

    public Task InitializeAsync() => sandbox.Server.Control.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private ThuliumClient Client() => new(Settings(sandbox.Server));

    private Task SeedAsync(IEnumerable<JsonObject> customers) => sandbox.Server.Control.SeedAsync(new SandboxState { Customers = customers.ToList() });

    private static JsonObject Customer(long id, string surname, string? email = null, string? identifier = null) => new()
    {
        ["customer_id"] = id,
        ["surname"] = surname,
        ["email"] = email,
        ["identifier"] = identifier,
    };

    private async Task<List<SandboxRequest>> RequestsAsync() => (await sandbox.Server.Control.GetStateAsync()).Requests;

    [Fact]
    public async Task Get_by_id_answered_410_permanently_deleted_is_not_found_like_404()
    {
        await FaultsAsync(sandbox.Server, new FaultRule { Method = "GET", Path = "/api/customers/101", Status = 410, Body = """{"request_id": "r410", "errors": [{"message": "Gone.", "code": 410}]}""" });
        using var client = Client();

        Assert.Null(await new CustomerReader(client).GetAsync(101, CancellationToken.None));
    }

    [Fact]
    public async Task Get_by_id_reads_the_documented_shape_and_404_is_null()
    {
        await SeedAsync([new JsonObject
        {
            ["customer_id"] = 273, ["name"] = "Jan", ["surname"] = "Kowalski", ["phone_number"] = new JsonArray("222333444", "213443523"),
            ["email"] = "jan.kowalski@foo.bar", ["company_id"] = "", ["vip"] = true,
            ["custom_fields"] = new JsonObject { ["ID"] = null, ["Dodatkowe informacje"] = "Numer dowodu - AXX 121212", ["Ile"] = 3 },
            ["address"] = new JsonObject { ["street"] = "Długa", ["building"] = 12, ["city"] = "Kraków" },
        }]);
        using var client = Client();
        var reader = new CustomerReader(client);

        var customer = await reader.GetAsync(273, CancellationToken.None);
        var missing = await reader.GetAsync(999, CancellationToken.None);

        Assert.NotNull(customer);
        Assert.Equal(273, customer.CustomerId);
        Assert.Equal(("Jan", "Kowalski"), (customer.Name, customer.Surname));
        Assert.Equal("222333444", customer.PhoneNumber);
        Assert.Equal(["222333444", "213443523"], customer.PhoneNumbers);
        Assert.Equal("jan.kowalski@foo.bar", customer.Email);
        Assert.Null(customer.CompanyId);
        Assert.True(customer.Vip);
        Assert.Equal("Numer dowodu - AXX 121212", customer.CustomFields!["Dodatkowe informacje"]);
        Assert.Null(customer.CustomFields["ID"]);
        Assert.Equal(3L, customer.CustomFields["Ile"]);
        Assert.Equal(("Długa", "12", "Kraków"), (customer.Address!.Street, customer.Address.Building, customer.Address.City));
        Assert.Null(missing);
        var requests = await RequestsAsync();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Contains("include_custom_fields=true", r.Target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_error_after_the_retries_throws_with_the_reason_instead_of_a_not_found()
    {
        await SeedAsync([Customer(1, "A")]);
        await FaultsAsync(sandbox.Server, new FaultRule { Method = "GET", Path = "/api/customers", Status = 500, Times = 10 });
        using var client = new ThuliumClient(Settings(sandbox.Server, s => s with { MaximumRetryCount = 1 }));

        var error = await Assert.ThrowsAsync<ThuliumRequestException>(() => new CustomerReader(client).GetAsync(1, CancellationToken.None));

        Assert.Equal(FailureReason.ServerError, error.Reason);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal(2, (await RequestsAsync()).Count); // a GET is idempotent: retried
    }

    [Fact]
    public async Task Wrong_credentials_throw_the_authentication_exception()
    {
        using var client = new ThuliumClient(Settings(sandbox.Server, password: "wrong"));

        var error = await Assert.ThrowsAsync<ThuliumAuthenticationException>(() => new CustomerReader(client).GetPageAsync(null, 0, 10, CancellationToken.None));

        Assert.Equal(FailureReason.Unauthorized, error.Reason);
    }

    [Fact]
    public async Task Paging_2500_customers_by_1000_takes_three_requests_and_reads_each_once()
    {
        await SeedAsync(Enumerable.Range(1, 2500).Select(i => Customer(i, "S" + i)));
        using var client = Client();
        var pager = new CustomerPager(new CustomerReader(client), null, pageSize: 1000);

        var ids = new List<long>();
        var pageSizes = new List<int>();
        while (!pager.IsComplete)
        {
            var page = await pager.NextAsync(CancellationToken.None);
            pageSizes.Add(page.Count);
            ids.AddRange(page.Select(c => c.CustomerId!.Value));
        }

        Assert.Equal([1000, 1000, 500], pageSizes);
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => (long)i), ids);
        var targets = (await RequestsAsync()).Select(r => r.Target).ToList();
        Assert.Equal(3, targets.Count);
        Assert.EndsWith("limit=1000&offset=2000", targets[2], StringComparison.Ordinal);
        Assert.Equal(2500, pager.TotalCount);
    }

    [Fact]
    public async Task Exactly_full_pages_end_on_the_count_without_an_empty_extra_request()
    {
        await SeedAsync(Enumerable.Range(1, 200).Select(i => Customer(i, "S" + i)));
        using var client = Client();
        var pager = new CustomerPager(new CustomerReader(client), null, pageSize: 100);

        while (!pager.IsComplete)
        {
            await pager.NextAsync(CancellationToken.None);
        }

        Assert.Equal(200, pager.Read);
        Assert.Equal(2, (await RequestsAsync()).Count);
    }

    [Fact]
    public async Task First_stops_early_and_its_last_request_asks_only_for_what_is_still_wanted()
    {
        await SeedAsync(Enumerable.Range(1, 2500).Select(i => Customer(i, "S" + i)));
        using var client = Client();
        var pager = new CustomerPager(new CustomerReader(client), null, pageSize: 1000, first: 1500);

        var read = 0;
        while (!pager.IsComplete)
        {
            read += (await pager.NextAsync(CancellationToken.None)).Count;
        }

        Assert.Equal(1500, read);
        var targets = (await RequestsAsync()).Select(r => r.Target).ToList();
        Assert.Equal(2, targets.Count);
        Assert.EndsWith("limit=500&offset=1000", targets[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_are_sent_encoded_and_narrow_the_list()
    {
        await SeedAsync([
            Customer(1, "A", "a+x@foo.pl", "K-1"),
            Customer(2, "B", "b@foo.pl", "K-2"),
            Customer(3, "C", "a+x@foo.pl"),
            new JsonObject { ["customer_id"] = 4, ["surname"] = "D", ["nip"] = "6783144527", ["type"] = "Hurt", ["group"] = "VIP", ["company_id"] = 456, ["phone_number"] = "555666777" },
        ]);
        using var client = Client();
        var reader = new CustomerReader(client);

        async Task<long[]> Ids(CustomerFilter filter) =>
            (await reader.GetPageAsync(filter, 0, 100, CancellationToken.None)).Customers.Select(c => c.CustomerId!.Value).ToArray();

        Assert.Equal(new long[] { 1, 3 }, await Ids(new CustomerFilter { Email = "a+x@foo.pl" }));
        Assert.Equal(new long[] { 2 }, await Ids(new CustomerFilter { Identifier = "K-2" }));
        Assert.Equal(new long[] { 3, 4 }, await Ids(new CustomerFilter { Identifier = "" })); // documented: empty = customers without one
        Assert.Equal(new long[] { 4 }, await Ids(new CustomerFilter { Nip = "6783144527" }));
        Assert.Equal(new long[] { 4 }, await Ids(new CustomerFilter { PhoneNumber = "555666777" }));
        Assert.Equal(new long[] { 4 }, await Ids(new CustomerFilter { CompanyId = 456, Type = "Hurt", Group = "VIP" }));
        Assert.Empty(await Ids(new CustomerFilter { Email = "a+x@foo.pl", Identifier = "K-2" }));
        var first = (await RequestsAsync())[0].Target;
        Assert.Contains("email=a%2Bx%40foo.pl", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_that_changes_between_pages_is_reported()
    {
        await SeedAsync(Enumerable.Range(1, 30).Select(i => Customer(i, "S" + i)));
        using var client = Client();
        var log = new RecordingLog();
        var pager = new CustomerPager(new CustomerReader(client), null, pageSize: 10, log: log);

        await pager.NextAsync(CancellationToken.None);
        await SandboxHttp.SendAsync(sandbox.ApiClient(), HttpMethod.Delete, "batch/customers?customer_id[]=1&customer_id[]=2");
        await pager.NextAsync(CancellationToken.None);

        Assert.Contains(log.Lines, l => l.StartsWith("WARNING: ", StringComparison.Ordinal) && l.Contains("changed from 30 to 28", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lookup_by_key_finds_one_none_or_several()
    {
        await SeedAsync([Customer(1, "A", "same@foo.pl", "K-1"), Customer(2, "B", "same@foo.pl"), Customer(3, "C", "Solo@Foo.pl")]);
        using var client = Client();
        var lookup = new CustomerLookup(client);

        var one = await lookup.FindAsync(CustomerKeyField.Identifier, "K-1", CancellationToken.None);
        var none = await lookup.FindAsync(CustomerKeyField.Identifier, "K-9", CancellationToken.None);
        var several = await lookup.FindAsync(CustomerKeyField.Email, "same@foo.pl", CancellationToken.None);

        Assert.Equal((CustomerLookupVerdict.Found, 1L), (one.Verdict, one.CustomerId!.Value));
        Assert.Equal(CustomerLookupVerdict.NotFound, none.Verdict);
        Assert.Null(none.CustomerId);
        Assert.Equal(CustomerLookupVerdict.Ambiguous, several.Verdict);
        Assert.Equal([1, 2], several.CustomerIds);
        Assert.Null(several.CustomerId);
        Assert.DoesNotContain("include_", (await RequestsAsync())[0].Target, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => lookup.FindAsync(CustomerKeyField.Email, " ", CancellationToken.None));
    }

    [Fact]
    public async Task Lookup_of_a_draft_uses_its_most_specific_key_and_requires_its_surname()
    {
        await SeedAsync([Customer(1, "Kowalski", "jan@foo.pl"), Customer(2, "Nowak", "anna@foo.pl")]);
        using var client = Client();
        var lookup = new CustomerLookup(client);

        var created = await lookup.FindAsync(new CustomerDraft { Surname = "kowalski", Email = ["jan@foo.pl"] }, CancellationToken.None);
        var sharedEmail = await lookup.FindAsync(new CustomerDraft { Surname = "Inny", Email = ["anna@foo.pl"] }, CancellationToken.None);
        var noKey = await lookup.FindAsync(new CustomerDraft { Surname = "Kowalski" }, CancellationToken.None);

        Assert.Equal(CustomerLookupVerdict.Found, created!.Verdict);
        Assert.Equal(1, created.CustomerId);
        Assert.Equal(CustomerKeyField.Email, created.Field);

        // Someone else with that e-mail is not the customer the create made: not Found, and not safe to resend.
        Assert.Equal(CustomerLookupVerdict.Ambiguous, sharedEmail!.Verdict);
        Assert.Equal([2], sharedEmail.AllIds);
        Assert.Null(noKey);
        Assert.True(CustomerLookup.TryGetKey(new CustomerDraft { Identifier = " K-7 ", Email = ["x@y.pl"] }, out var field, out var value));
        Assert.Equal((CustomerKeyField.Identifier, "K-7"), (field, value));
    }

    [Fact]
    public void Candidates_the_server_returns_that_do_not_match_exactly_make_the_lookup_ambiguous()
    {
        // The real server's matching is undocumented: a partial match it returns must not pass as "found".
        var candidate = new CustomerRecord { CustomerId = 5, Identifier = "K-10" };

        Assert.False(CustomerLookup.Matches(candidate, CustomerKeyField.Identifier, "K-1"));
        Assert.True(CustomerLookup.Matches(new CustomerRecord { PhoneNumbers = ["555 666-777"] }, CustomerKeyField.PhoneNumber, "555666777"));
        Assert.True(CustomerLookup.Matches(new CustomerRecord { Emails = ["Jan@Foo.pl"] }, CustomerKeyField.Email, "jan@foo.pl"));
        var result = new CustomerLookupResult(CustomerKeyField.Identifier, "K-1", [], [5], 1);
        Assert.Equal(CustomerLookupVerdict.Ambiguous, result.Verdict);
    }

    [Theory]
    [InlineData("{\"customer_id\":\"13\",\"surname\":\"A\",\"email\":[\"a@b.pl\",\"c@d.pl\"],\"phone_number\":555,\"custom_fields\":[],\"address\":[],\"vip\":\"1\",\"company_flag\":\"\",}", 13, 2, "555", true)]
    [InlineData("\uFEFF{\"id\":7,\"surname\":\"B\",\"email\":\"\",\"phone_numbers\":[\"1\",\"\",null,{}],\"custom_fields\":null, /* comment */ \"unknown\":{\"x\":1}}", 7, 0, "1", null)]
    public void Odd_but_readable_customers_are_read(string json, long id, int emails, string phone, bool? vip)
    {
        var customer = ResponseReader.ReadCustomer(Encoding.UTF8.GetBytes(json));

        Assert.Equal(id, customer.CustomerId);
        Assert.Equal(emails, customer.Emails.Count);
        Assert.Equal(phone, customer.PhoneNumber);
        Assert.Equal(vip, customer.Vip);
        Assert.Null(customer.CompanyFlag);
        Assert.Null(customer.Address);
    }

    [Fact]
    public void Pages_are_read_as_the_envelope_a_keyed_object_or_a_bare_array()
    {
        var envelope = ResponseReader.ReadCustomerPage(Encoding.UTF8.GetBytes("{\"count\":\"2\",\"result\":[{\"customer_id\":1},{\"customer_id\":2}]}"));
        var keyed = ResponseReader.ReadCustomerPage(Encoding.UTF8.GetBytes("{\"count\":1,\"result\":{\"0\":{\"customer_id\":3}}}"));
        var bare = ResponseReader.ReadCustomerPage(Encoding.UTF8.GetBytes("[{\"customer_id\":4}]"));
        var empty = ResponseReader.ReadCustomerPage(Encoding.UTF8.GetBytes("{\"count\":0}"));

        Assert.Equal((2L, 2), (envelope.Count!.Value, envelope.Customers.Count));
        Assert.Equal(3, Assert.Single(keyed.Customers).CustomerId);
        Assert.Null(bare.Count);
        Assert.Equal(4, Assert.Single(bare.Customers).CustomerId);
        Assert.Empty(empty.Customers);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ResponseReader.ReadCustomerPage(Encoding.UTF8.GetBytes("{\"count\":5}")));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ResponseReader.ReadCustomerPage(Encoding.UTF8.GetBytes("<html>")));
    }

    [Fact]
    public async Task An_unreadable_page_is_a_request_failure_not_an_empty_list()
    {
        await FaultsAsync(sandbox.Server, new FaultRule { Method = "GET", Path = "/api/customers", Status = 200, Body = "<html>maintenance</html>" });
        using var client = Client();

        var error = await Assert.ThrowsAsync<ThuliumRequestException>(() => new CustomerPager(new CustomerReader(client), null).NextAsync(CancellationToken.None));

        Assert.Equal(FailureReason.Transport, error.Reason);
    }

    [Fact]
    public async Task Cancellation_stops_a_read()
    {
        await FaultsAsync(sandbox.Server, new FaultRule { Method = "GET", Path = "/api/customers", DelayMs = 5000 });
        using var client = Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CustomerReader(client).GetAsync(1, cts.Token));
    }
}
