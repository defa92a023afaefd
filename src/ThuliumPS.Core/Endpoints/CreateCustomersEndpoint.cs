using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Json.Requests;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// <c>POST batch/customers</c>: creates customers. The body is <c>{"customers": [ … ]}</c>; the answer is keyed by
/// each customer's position in the request (<c>"0"</c>, <c>"1"</c> …), with <c>customer_id</c> (a JSON string in
/// the docs, a number accepted too) for created ones and <c>message</c> for refused ones.
/// </summary>
/// <remarks>
/// A POST, so not idempotent: retried only on 429/503 answers and connections never established. A timeout or a
/// dropped connection after sending makes every item of the request <see cref="OutcomeKind.Unknown"/>, never a
/// resend. Items whose custom fields hold a value that cannot be sent fail locally (InvalidInput) and the rest go out.
/// </remarks>
public sealed class CreateCustomersEndpoint : BatchEndpoint<CustomerDraft>
{
    private const string Resource = "batch/customers";

    /// <summary>Creates the endpoint for one command.</summary>
    /// <param name="client">The connection's client.</param>
    /// <param name="log">Where request and retry lines go; null discards them.</param>
    public CreateCustomersEndpoint(ThuliumClient client, IEngineLog? log = null)
        : base(client, log)
    {
    }

    /// <inheritdoc />
    public override string Description => "POST " + Resource;

    private protected override string PathOf(string groupKey) => Resource;

    /// <summary>The request for <paramref name="items"/> (their order is the position the answer is keyed by).</summary>
    internal override ThuliumRequest BuildRequest(string groupKey, IReadOnlyList<PlannedItem<CustomerDraft>> items)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new CreateCustomersRequest(items.Select(i => i.Item).ToArray()),
            ThuliumJsonContext.Default.CreateCustomersRequest);
        return new ThuliumRequest(HttpMethod.Post, Resource, body, Description, items.Count);
    }

    private protected override IReadOnlyList<ItemOutcome> MapAnswer(ThuliumExchange exchange, IReadOnlyList<PlannedItem<CustomerDraft>> items)
    {
        var answer = ResponseReader.ReadKeyed(exchange.Body);
        return MapKeyed(
            exchange,
            items,
            (_, position) => position.ToString(CultureInfo.InvariantCulture),
            key => answer.TryGetValue(key, out var result) ? result : null,
            (planned, result) => result.HttpStatus is >= 200 and <= 299 || (result.HttpStatus is null && result.CustomerId is not null)
                ? Succeeded(
                    planned.InputIndex,
                    OutcomeStatuses.Created,
                    exchange,
                    result.HttpStatus,
                    result.CustomerId is > 0 ? result.CustomerId : null,
                    result.CustomerId switch
                    {
                        null => "Created, but the server did not return the new customer's id.",
                        // Ids are positive: this one would send an undo or a journal re-run to a customer that is not it.
                        <= 0 => "Created, but the server returned " + result.CustomerId.Value.ToString(CultureInfo.InvariantCulture) + " as the new customer's id, which is no customer id: find the customer in Thulium.",
                        _ => null,
                    })
                : ByItemStatus(planned.InputIndex, result, exchange, OutcomeStatuses.Created, result.CustomerId));
    }

    private protected override string? CheckSendable(CustomerDraft item)
    {
        if (item is null)
        {
            return "The customer is empty.";
        }

        if (item.CustomFields is not { } fields)
        {
            return null;
        }

        foreach (var field in fields)
        {
            if (!ScalarValues.IsSupported(field.Value))
            {
                return ScalarValues.Unsupported("custom_fields." + field.Key, field.Value!);
            }
        }

        return null;
    }
}
