using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// <c>GET customers/:id</c> and <c>GET customers</c> (one page per call). GETs are idempotent, so the client
/// retries them like deletes. A missing customer is an answer (null), not an exception; any other failure throws
/// <see cref="ThuliumRequestException"/> with the reason and message every other command uses.
/// </summary>
public sealed class CustomerReader
{
    /// <summary>The largest page the docs allow (stated for GET companies, and in the sandbox contract).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The server's default page size.</summary>
    public const int DefaultPageSize = 100;

    // Asked for with every read that wants the whole customer: the docs list these flags without a default, and
    // the docs' own example asks for custom fields explicitly, so they are sent rather than assumed.
    private const string IncludeEverything = "include_custom_fields=true&include_address=true&include_invoice_address=true&include_mail_drop_address=true";

    private readonly ThuliumClient client;
    private readonly IEngineLog log;

    /// <summary>Creates the reader over a connection's client.</summary>
    /// <param name="client">The client.</param>
    /// <param name="log">Where request lines go (null: nowhere).</param>
    /// <param name="includeDetails">
    /// True to ask for custom fields and the three addresses (<c>include_*=true</c>); false for the bare customer
    /// (enough to look ids up).
    /// </param>
    public CustomerReader(ThuliumClient client, IEngineLog? log = null, bool includeDetails = true)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.log = log ?? NullEngineLog.Instance;
        IncludeDetails = includeDetails;
    }

    /// <summary>Whether custom fields and addresses are asked for.</summary>
    public bool IncludeDetails { get; }

    /// <summary>Reads one customer; null when the server answers 404, or 410 (documented for GET as "permanently deleted").</summary>
    /// <exception cref="ThuliumAuthenticationException">401/403.</exception>
    /// <exception cref="ThuliumRequestException">No answer, another non-2xx answer, or an unreadable one.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<CustomerRecord?> GetAsync(long customerId, CancellationToken cancellationToken)
    {
        if (customerId <= 0) throw new ArgumentOutOfRangeException(nameof(customerId), customerId, "A customer id is a positive number.");
        var request = new ThuliumRequest(HttpMethod.Get, ByIdTarget(customerId), null, "GET customers/" + FlexibleNumber.Format(customerId), 1);
        var exchange = await client.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        if (exchange.StatusCode is 404 or 410)
        {
            return null;
        }

        return Read(exchange, ResponseReader.ReadCustomer);
    }

    /// <summary>Reads one page of customers matching <paramref name="filter"/>.</summary>
    /// <param name="filter">The filters (null: every customer).</param>
    /// <param name="offset">How many matching customers to skip.</param>
    /// <param name="limit">Page size, 1–<see cref="MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ThuliumAuthenticationException">401/403.</exception>
    /// <exception cref="ThuliumRequestException">No answer, a non-2xx answer, or an unreadable one.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<CustomerPage> GetPageAsync(CustomerFilter? filter, long offset, int limit, CancellationToken cancellationToken)
    {
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset cannot be negative.");
        if (limit is < 1 or > MaxPageSize) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The page size is 1 to 1000.");
        var request = new ThuliumRequest(HttpMethod.Get, ListTarget(filter, offset, limit), null, "GET customers", 0);
        var exchange = await client.SendAsync(request, log, cancellationToken).ConfigureAwait(false);
        var (count, customers) = Read(exchange, ResponseReader.ReadCustomerPage);
        return new CustomerPage(offset, limit, count, customers);
    }

    /// <summary>The request target of GET customers/:id (relative to the base URI).</summary>
    internal string ByIdTarget(long customerId)
        => "customers/" + FlexibleNumber.Format(customerId) + (IncludeDetails ? "?" + IncludeEverything : string.Empty);

    /// <summary>The request target of one page of GET customers (relative to the base URI).</summary>
    internal string ListTarget(CustomerFilter? filter, long offset, int limit)
    {
        var query = new StringBuilder("customers?");
        if (filter is not null)
        {
            Add(query, "identifier", filter.Identifier);
            Add(query, "email", filter.Email);
            Add(query, "phone_number", filter.PhoneNumber);
            Add(query, "nip", filter.Nip);
            Add(query, "company_id", filter.CompanyId is { } company ? FlexibleNumber.Format(company) : null);
            Add(query, "type", filter.Type);
            Add(query, "group", filter.Group);
        }

        if (IncludeDetails)
        {
            query.Append(IncludeEverything).Append('&');
        }

        query.Append("limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        query.Append("&offset=").Append(offset.ToString(CultureInfo.InvariantCulture));
        return query.ToString();
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        // An empty value is sent as "name=": the docs give it a meaning for identifier and phone_number.
        query.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
    }

    private static T Read<T>(ThuliumExchange exchange, Func<byte[], T> read)
    {
        var failure = exchange.IsSuccessStatus ? null : RequestFailure.Classify(exchange);
        if (failure is null)
        {
            try
            {
                return read(exchange.Body);
            }
            catch (JsonException ex)
            {
                failure = RequestFailure.Unreadable(exchange, ex);
            }
        }

        throw new ThuliumRequestException(
            exchange.Request.Description + ": " + failure.Message,
            failure.Reason,
            exchange.StatusCode,
            failure.RequestId,
            exchange.Exception);
    }
}

/// <summary>One page of GET customers.</summary>
public sealed class CustomerPage
{
    internal CustomerPage(long offset, int limit, long? count, IReadOnlyList<CustomerRecord> customers)
    {
        Offset = offset;
        Limit = limit;
        Count = count;
        Customers = customers;
    }

    /// <summary>The offset asked for.</summary>
    public long Offset { get; }

    /// <summary>The page size asked for.</summary>
    public int Limit { get; }

    /// <summary>The server's <c>count</c>: customers matching the filters in all; null when the answer has none.</summary>
    public long? Count { get; }

    /// <summary>The page's customers, in the server's order.</summary>
    public IReadOnlyList<CustomerRecord> Customers { get; }
}
