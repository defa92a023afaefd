using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// <c>DELETE batch/customers?customer_id%5B%5D=…</c>: deletes customers with their dependencies. The answer is
/// keyed by customer id: <c>{"http_status": 204}</c> → Succeeded (<see cref="OutcomeStatuses.Deleted"/>),
/// <c>404</c> → Failed NotFound with the server's message.
/// </summary>
/// <remarks>
/// Idempotent, so retried on transient failures. When a retry follows an attempt whose answer was lost, a 404 may
/// be that attempt's doing; the item then counts as succeeded and its message says so. An empty 2xx answer (the
/// status table documents DELETE → 204 "no data") is taken as success for every item, with a message saying the
/// server gave no per-item details.
/// </remarks>
public sealed class DeleteCustomersEndpoint : BatchEndpoint<long>
{
    private const string Resource = "batch/customers";
    private const string Parameter = "customer_id";

    /// <summary>Creates the endpoint for one command.</summary>
    /// <param name="client">The connection's client.</param>
    /// <param name="log">Where request and retry lines go; null discards them.</param>
    public DeleteCustomersEndpoint(ThuliumClient client, IEngineLog? log = null)
        : base(client, log)
    {
    }

    /// <inheritdoc />
    public override string Description => "DELETE " + Resource;

    /// <inheritdoc />
    public override string? DeduplicationKeyOf(long item) => FlexibleNumber.Format(item);

    /// <inheritdoc />
    public override int TargetLengthOf(long item) => QueryTarget.ParameterLength(Parameter, FlexibleNumber.Format(item));

    private protected override string PathOf(string groupKey) => Resource;

    internal override ThuliumRequest BuildRequest(string groupKey, IReadOnlyList<PlannedItem<long>> items)
        => new(HttpMethod.Delete, QueryTarget.Build(Resource, Parameter, items.Select(i => FlexibleNumber.Format(i.Item))), null, Description, items.Count);

    private protected override IReadOnlyList<ItemOutcome> MapAnswer(ThuliumExchange exchange, IReadOnlyList<PlannedItem<long>> items)
    {
        if (ResponseReader.IsEmpty(exchange.Body))
        {
            return items.Select(i => Succeeded(
                i.InputIndex,
                OutcomeStatuses.Deleted,
                exchange,
                exchange.StatusCode,
                message: "The server answered without per-item details; taken as success for the whole request.")).ToArray();
        }

        var answer = ResponseReader.ReadKeyed(exchange.Body, r => r.CustomerId is { } id ? FlexibleNumber.Format(id) : null);
        return MapKeyed(
            exchange,
            items,
            (planned, _) => FlexibleNumber.Format(planned.Item),
            key => answer.TryGetValue(key, out var result) ? result : null,
            (planned, result) => ByItemStatus(planned.InputIndex, result, exchange, OutcomeStatuses.Deleted));
    }
}
