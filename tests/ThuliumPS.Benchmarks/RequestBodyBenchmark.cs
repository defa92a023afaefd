using System.Net;
using BenchmarkDotNet.Attributes;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Benchmarks;

/// <summary>
/// The JSON body of one <c>POST batch/customers</c> of 100 customers, as <see cref="CreateCustomersEndpoint"/> builds
/// it, per customer: what System.Text.Json costs a row once the process is warm. The customers have the end-to-end
/// benchmark's 10 columns (name, surname, e-mail, phone, identifier, job title, three address parts, one custom
/// field). No HTTP: the endpoint's client is never used.
/// </summary>
[MemoryDiagnoser]
public class RequestBodyBenchmark
{
    private const int BatchSize = 100;
    private ThuliumClient client = null!;
    private CreateCustomersEndpoint endpoint = null!;
    private PlannedItem<CustomerDraft>[] batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        // An address nobody listens on: BuildRequest sends nothing.
        client = new ThuliumClient(ThuliumConnectionSettings.ForBaseUri(new Uri("http://127.0.0.1:9/api/"), new NetworkCredential("api_user", "api_pass")) with { AllowUnencryptedAuthentication = true });
        endpoint = new CreateCustomersEndpoint(client);
        batch = Enumerable.Range(0, BatchSize)
            .Select(i => new PlannedItem<CustomerDraft>(i, Customer(i)))
            .ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => client.Dispose();

    /// <summary>One request body; BenchmarkDotNet reports it per customer.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int BodyOf100Customers() => endpoint.BuildRequest("", batch).Body!.Length;

    private static CustomerDraft Customer(int i) => new()
    {
        Name = "Jan" + i,
        Surname = "Kowalski" + i,
        Email = [$"jan.kowalski{i}@example.com"],
        PhoneNumber = ["+4860000" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)],
        Identifier = "CRM-" + i,
        JobTitle = "Kierownik",
        Address = new PostalAddress { Street = "Polna 1", City = "Kraków", Postcode = "30-001" },
        CustomFields = new Dictionary<string, object?> { ["Kanal"] = "www" },
    };
}
