using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Json.Requests;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// <c>POST batch/customers</c>: creates customers. The body is <c>{"customers": [ … ]}</c>; the answer is keyed by
/// each customer's position in the request (<c>"0"</c>, <c>"1"</c> …), with <c>customer_id</c> (a JSON string in
/// the docs, a number accepted too) for created ones and <c>message</c> for refused ones.
/// </summary>
/// <remarks>
/// Not idempotent: retried only on 429/503 answers and connections never established. A timeout or a dropped
/// connection after sending makes every item of the request <see cref="OutcomeKind.Unknown"/>, never a resend.
/// Items whose custom fields hold a value that cannot be sent fail locally (InvalidInput) and the rest go out.
/// </remarks>
public sealed class CreateCustomersEndpoint : IBatchEndpoint<CustomerDraft>
{
    private const string Resource = "batch/customers";

    private readonly ThuliumClient _client;
    private readonly IEngineLog _log;

    /// <summary>Creates the endpoint for one command.</summary>
    /// <param name="client">The connection's client.</param>
    /// <param name="log">Where request and retry lines go; null discards them.</param>
    public CreateCustomersEndpoint(ThuliumClient client, IEngineLog? log = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _log = log ?? NullEngineLog.Instance;
    }

    /// <inheritdoc />
    public string Description => "POST " + Resource;

    /// <inheritdoc />
    public bool IsIdempotent => false;

    /// <inheritdoc />
    public bool SupportsBatches => true;

    /// <inheritdoc />
    public string GroupKeyOf(CustomerDraft item) => string.Empty;

    /// <inheritdoc />
    public string? DeduplicationKeyOf(CustomerDraft item) => null;

    /// <inheritdoc />
    public int BaseTargetLength(string groupKey) => _client.BasePath.Length + Resource.Length;

    /// <inheritdoc />
    public int TargetLengthOf(CustomerDraft item) => 0;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemOutcome>> SendAsync(string groupKey, IReadOnlyList<PlannedItem<CustomerDraft>> items, CancellationToken cancellationToken)
    {
        EndpointExchange.ValidateArguments(items);
        cancellationToken.ThrowIfCancellationRequested();

        var outcomes = new Dictionary<int, ItemOutcome>();
        var toSend = new List<PlannedItem<CustomerDraft>>(items.Count);
        foreach (var planned in items)
        {
            var problem = CheckSendable(planned.Item);
            if (problem is null)
            {
                toSend.Add(planned);
            }
            else
            {
                outcomes[planned.InputIndex] = Outcomes.InvalidInput(planned.InputIndex, problem);
            }
        }

        if (toSend.Count > 0)
        {
            var request = BuildRequest(toSend);
            var sent = await EndpointExchange.SendAsync(_client, request, toSend, IsIdempotent, _log, MapAnswer, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in sent)
            {
                outcomes[outcome.InputIndex] = outcome;
            }
        }

        return items.Select(planned => outcomes[planned.InputIndex]).ToArray();
    }

    /// <summary>The request for <paramref name="items"/> (their order is the position the answer is keyed by).</summary>
    internal static ThuliumRequest BuildRequest(IReadOnlyList<PlannedItem<CustomerDraft>> items)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new CreateCustomersRequest(items.Select(i => i.Item).ToArray()),
            ThuliumJsonContext.Default.CreateCustomersRequest);
        return new ThuliumRequest(HttpMethod.Post, Resource, body, "POST " + Resource, items.Count);
    }

    /// <summary>Maps a 2xx answer keyed by position.</summary>
    internal static IReadOnlyList<ItemOutcome> MapAnswer(ThuliumExchange exchange, IReadOnlyList<PlannedItem<CustomerDraft>> items)
    {
        var answer = ResponseReader.ReadKeyed(exchange.Body);
        var outcomes = new ItemOutcome[items.Count];
        for (var position = 0; position < items.Count; position++)
        {
            var key = position.ToString(CultureInfo.InvariantCulture);
            var index = items[position].InputIndex;
            if (!answer.TryGetValue(key, out var result))
            {
                outcomes[position] = Outcomes.Missing(index, key, exchange);
            }
            else if (result.HttpStatus is >= 200 and <= 299 || (result.HttpStatus is null && result.CustomerId is not null))
            {
                outcomes[position] = Outcomes.Succeeded(
                    index,
                    OutcomeStatuses.Created,
                    exchange,
                    result.HttpStatus,
                    result.CustomerId,
                    result.CustomerId is null ? "Created, but the server did not return the new customer's id." : null);
            }
            else
            {
                outcomes[position] = Outcomes.ByItemStatus(index, result, exchange, OutcomeStatuses.Created, result.CustomerId);
            }
        }

        return outcomes;
    }

    private static string? CheckSendable(CustomerDraft? draft)
    {
        if (draft is null)
        {
            return "The customer is empty.";
        }

        foreach (var field in draft.CustomFields ?? Enumerable.Empty<KeyValuePair<string, object?>>())
        {
            if (!ScalarValues.IsSupported(field.Value))
            {
                return ScalarValues.Unsupported("custom_fields." + field.Key, field.Value!);
            }
        }

        return null;
    }
}
