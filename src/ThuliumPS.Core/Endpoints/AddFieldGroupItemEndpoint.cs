using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// <c>POST customer_field_group_items</c>: adds one custom-field group item for a customer. There is no batch
/// form (<see cref="SupportsBatches"/> is false): one item per request; the runner keeps several in flight.
/// The answer <c>{"item_id": 38}</c> gives <c>ReturnedId</c>; a 404 (unknown group or customer) or 400 (a field
/// not in the group) error body fails the item with the server's message and request id.
/// </summary>
/// <remarks>
/// A POST, so not idempotent: a timeout or a lost answer makes the item Unknown, never a resend. Should the runner
/// ever hand over several items at once, they are sent one request each, in order.
/// </remarks>
public sealed class AddFieldGroupItemEndpoint : BatchEndpoint<FieldGroupItemDraft>
{
    /// <summary>The resource the endpoint posts to (a lost answer's advice tells its items by it).</summary>
    internal const string Resource = "customer_field_group_items";

    /// <summary>Creates the endpoint for one command.</summary>
    /// <param name="client">The connection's client.</param>
    /// <param name="log">Where request and retry lines go; null discards them.</param>
    public AddFieldGroupItemEndpoint(ThuliumClient client, IEngineLog? log = null)
        : base(client, log)
    {
    }

    /// <inheritdoc />
    public override string Description => "POST " + Resource;

    /// <inheritdoc />
    public override bool SupportsBatches => false;

    private protected override string PathOf(string groupKey) => Resource;

    /// <summary>The request for one item (the API has no batch form).</summary>
    internal override ThuliumRequest BuildRequest(string groupKey, IReadOnlyList<PlannedItem<FieldGroupItemDraft>> items)
        => new(HttpMethod.Post, Resource, JsonSerializer.SerializeToUtf8Bytes(items.Single().Item, ThuliumJsonContext.Default.FieldGroupItemDraft), Description, 1);

    /// <summary>Maps a 2xx answer <c>{"item_id": …}</c> (one item).</summary>
    private protected override IReadOnlyList<ItemOutcome> MapAnswer(ThuliumExchange exchange, IReadOnlyList<PlannedItem<FieldGroupItemDraft>> items)
    {
        // A 2xx to a single create means it was created, even if the body is empty or lacks the id.
        var itemId = ResponseReader.IsEmpty(exchange.Body) ? null : ResponseReader.ReadCreated(exchange.Body).ItemId;
        return items.Select(planned => Succeeded(
            planned.InputIndex,
            OutcomeStatuses.Created,
            exchange,
            exchange.StatusCode,
            itemId,
            itemId is null ? "Created, but the server did not return the new item's id." : null)).ToArray();
    }

    private protected override string? CheckSendable(FieldGroupItemDraft item)
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
