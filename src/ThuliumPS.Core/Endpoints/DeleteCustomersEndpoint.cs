using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// <c>DELETE batch/customers?customer_id%5B%5D=…</c>: deletes customers with their dependencies. The answer is
/// keyed by customer id: <c>{"http_status": 204}</c> → Succeeded (<see cref="OutcomeStatuses.Deleted"/>),
/// <c>404</c> → Failed NotFound with the server's message.
/// </summary>
/// <remarks>
/// Idempotent, so retried on transient failures. When a retry follows an attempt whose answer was lost, a 404 may
/// be that attempt's doing; the message then says so (the outcome stays NotFound). An empty 2xx answer (the
/// status table documents DELETE → 204 "no data") is taken as success for every item, with a message saying the
/// server gave no per-item details.
/// </remarks>
public sealed class DeleteCustomersEndpoint : IBatchEndpoint<long>
{
    private const string Resource = "batch/customers";
    private const string Parameter = "customer_id";

    private readonly ThuliumClient _client;
    private readonly IEngineLog _log;

    /// <summary>Creates the endpoint for one command.</summary>
    /// <param name="client">The connection's client.</param>
    /// <param name="log">Where request and retry lines go; null discards them.</param>
    public DeleteCustomersEndpoint(ThuliumClient client, IEngineLog? log = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _log = log ?? NullEngineLog.Instance;
    }

    /// <inheritdoc />
    public string Description => "DELETE " + Resource;

    /// <inheritdoc />
    public bool IsIdempotent => true;

    /// <inheritdoc />
    public bool SupportsBatches => true;

    /// <inheritdoc />
    public string GroupKeyOf(long item) => string.Empty;

    /// <inheritdoc />
    public string? DeduplicationKeyOf(long item) => FlexibleNumber.Format(item);

    /// <inheritdoc />
    public int BaseTargetLength(string groupKey) => _client.BasePath.Length + Resource.Length;

    /// <inheritdoc />
    public int TargetLengthOf(long item) => QueryTarget.ParameterLength(Parameter, FlexibleNumber.Format(item));

    /// <inheritdoc />
    public Task<IReadOnlyList<ItemOutcome>> SendAsync(string groupKey, IReadOnlyList<PlannedItem<long>> items, CancellationToken cancellationToken)
    {
        EndpointExchange.ValidateArguments(items);
        return EndpointExchange.SendAsync(_client, BuildRequest(items), items, IsIdempotent, _log, MapAnswer, cancellationToken);
    }

    /// <summary>The request for <paramref name="items"/>.</summary>
    internal static ThuliumRequest BuildRequest(IReadOnlyList<PlannedItem<long>> items)
        => new(
            HttpMethod.Delete,
            QueryTarget.Build(Resource, Parameter, items.Select(i => FlexibleNumber.Format(i.Item))),
            null,
            "DELETE " + Resource,
            items.Count);

    /// <summary>Maps a 2xx answer keyed by customer id.</summary>
    internal static IReadOnlyList<ItemOutcome> MapAnswer(ThuliumExchange exchange, IReadOnlyList<PlannedItem<long>> items)
    {
        if (ResponseReader.IsEmpty(exchange.Body))
        {
            return items.Select(i => Outcomes.Succeeded(
                i.InputIndex,
                OutcomeStatuses.Deleted,
                exchange,
                exchange.StatusCode,
                message: "The server answered without per-item details; taken as success for the whole request.")).ToArray();
        }

        var answer = ResponseReader.ReadKeyed(exchange.Body, r => r.CustomerId is { } id ? FlexibleNumber.Format(id) : null);
        return items.Select(planned =>
        {
            var key = FlexibleNumber.Format(planned.Item);
            if (!answer.TryGetValue(key, out var result))
            {
                return Outcomes.Missing(planned.InputIndex, key, exchange);
            }

            return Outcomes.ByItemStatus(planned.InputIndex, result, exchange, OutcomeStatuses.Deleted);
        }).ToArray();
    }
}
