using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// <c>POST customer_field_group_items</c>: adds one custom-field group item for a customer. There is no batch
/// form (<see cref="SupportsBatches"/> is false): one item per request; the runner keeps several in flight.
/// The answer <c>{"item_id": 38}</c> gives <c>ReturnedId</c>; a 404 (unknown group or customer) or 400 (a field
/// not in the group) error body fails the item with the server's message and request id.
/// </summary>
/// <remarks>
/// Not idempotent: a timeout or a lost answer makes the item Unknown, never a resend. Should a request ever
/// carry several items anyway, they are sent one request each, in order.
/// </remarks>
public sealed class AddFieldGroupItemEndpoint : IBatchEndpoint<FieldGroupItemDraft>
{
    private const string Resource = "customer_field_group_items";

    private readonly ThuliumClient _client;
    private readonly IEngineLog _log;

    /// <summary>Creates the endpoint for one command.</summary>
    /// <param name="client">The connection's client.</param>
    /// <param name="log">Where request and retry lines go; null discards them.</param>
    public AddFieldGroupItemEndpoint(ThuliumClient client, IEngineLog? log = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _log = log ?? NullEngineLog.Instance;
    }

    /// <inheritdoc />
    public string Description => "POST " + Resource;

    /// <inheritdoc />
    public bool IsIdempotent => false;

    /// <inheritdoc />
    public bool SupportsBatches => false;

    /// <inheritdoc />
    public string GroupKeyOf(FieldGroupItemDraft item) => string.Empty;

    /// <inheritdoc />
    public string? DeduplicationKeyOf(FieldGroupItemDraft item) => null;

    /// <inheritdoc />
    public int BaseTargetLength(string groupKey) => _client.BasePath.Length + Resource.Length;

    /// <inheritdoc />
    public int TargetLengthOf(FieldGroupItemDraft item) => 0;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemOutcome>> SendAsync(string groupKey, IReadOnlyList<PlannedItem<FieldGroupItemDraft>> items, CancellationToken cancellationToken)
    {
        EndpointExchange.ValidateArguments(items);
        var outcomes = new List<ItemOutcome>(items.Count);
        foreach (var planned in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var problem = CheckSendable(planned.Item);
            if (problem is not null)
            {
                outcomes.Add(Outcomes.InvalidInput(planned.InputIndex, problem));
                continue;
            }

            var single = new[] { planned };
            var sent = await EndpointExchange.SendAsync(_client, BuildRequest(planned.Item), single, IsIdempotent, _log, MapAnswer, cancellationToken).ConfigureAwait(false);
            outcomes.AddRange(sent);
        }

        return outcomes;
    }

    /// <summary>The request for one item.</summary>
    internal static ThuliumRequest BuildRequest(FieldGroupItemDraft item)
        => new(
            HttpMethod.Post,
            Resource,
            JsonSerializer.SerializeToUtf8Bytes(item, ThuliumJsonContext.Default.FieldGroupItemDraft),
            "POST " + Resource,
            1);

    /// <summary>Maps a 2xx answer <c>{"item_id": …}</c> (one item).</summary>
    internal static IReadOnlyList<ItemOutcome> MapAnswer(ThuliumExchange exchange, IReadOnlyList<PlannedItem<FieldGroupItemDraft>> items)
    {
        var outcomes = new ItemOutcome[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            // A 2xx to a single create means it was created, even if the body is empty or lacks the id.
            var itemId = ResponseReader.IsEmpty(exchange.Body) ? null : ResponseReader.ReadCreated(exchange.Body).ItemId;
            outcomes[i] = Outcomes.Succeeded(
                items[i].InputIndex,
                OutcomeStatuses.Created,
                exchange,
                exchange.StatusCode,
                itemId,
                itemId is null ? "Created, but the server did not return the new item's id." : null);
        }

        return outcomes;
    }

    private static string? CheckSendable(FieldGroupItemDraft? item)
    {
        if (item is null)
        {
            return "The field group item is empty.";
        }

        if (item.Values is null || item.Values.Count == 0)
        {
            return "The field group item has no values.";
        }

        foreach (var value in item.Values)
        {
            if (value is null)
            {
                return "The field group item holds an empty value entry.";
            }

            if (!ScalarValues.IsSupported(value.Value))
            {
                return ScalarValues.Unsupported("field " + FlexibleNumber.Format(value.FieldId), value.Value!);
            }
        }

        return null;
    }
}
