using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// <c>DELETE batch/crm_outbounds/{id}/records?customer_id%5B%5D=…</c>: removes customers' records from one
/// CRM-fed campaign; the group key is the campaign id, so one request never mixes campaigns. The answer is keyed
/// by customer id.
/// </summary>
/// <remarks>
/// Outcomes go by the item's <c>status</c>, not its <c>http_status</c> (the docs give no code for
/// CALL_IN_PROGRESS): <c>REMOVED</c> → Succeeded with the <c>record_id</c>; <c>NOT_EXIST</c> → Failed NotFound;
/// <c>CALL_IN_PROGRESS</c> → Failed Conflict (the record is in a call and can be removed later). An unknown
/// campaign answers the whole request with a 404 error body: every item fails NotFound with the server's message.
/// </remarks>
public sealed class DeleteCrmRecordsEndpoint : BatchEndpoint<CrmRecordKey>
{
    private const string ResourcePrefix = "batch/crm_outbounds/";
    private const string ResourceSuffix = "/records";
    private const string Parameter = "customer_id";

    /// <summary>Creates the endpoint for one command.</summary>
    /// <param name="client">The connection's client.</param>
    /// <param name="log">Where request and retry lines go; null discards them.</param>
    public DeleteCrmRecordsEndpoint(ThuliumClient client, IEngineLog? log = null)
        : base(client, log)
    {
    }

    /// <inheritdoc />
    public override string Description => "DELETE " + ResourcePrefix + ":id" + ResourceSuffix;

    /// <inheritdoc />
    public override string GroupKeyOf(CrmRecordKey item) => (item ?? throw new ArgumentNullException(nameof(item))).CampaignId;

    /// <inheritdoc />
    public override string? DeduplicationKeyOf(CrmRecordKey item) => FlexibleNumber.Format((item ?? throw new ArgumentNullException(nameof(item))).CustomerId);

    /// <inheritdoc />
    public override int TargetLengthOf(CrmRecordKey item)
        => QueryTarget.ParameterLength(Parameter, FlexibleNumber.Format((item ?? throw new ArgumentNullException(nameof(item))).CustomerId));

    private protected override string PathOf(string groupKey) => ResourcePrefix + QueryTarget.Encode(groupKey) + ResourceSuffix;

    /// <summary>The request for <paramref name="items"/> of campaign <paramref name="groupKey"/>.</summary>
    /// <exception cref="ArgumentException">An item belongs to another campaign: one request never mixes campaigns.</exception>
    internal override ThuliumRequest BuildRequest(string groupKey, IReadOnlyList<PlannedItem<CrmRecordKey>> items)
    {
        if (items.Any(i => !string.Equals(i.Item?.CampaignId, groupKey, StringComparison.Ordinal)))
        {
            throw new ArgumentException("Every item of one request must belong to campaign '" + groupKey + "'.", nameof(items));
        }

        var path = PathOf(groupKey);
        return new ThuliumRequest(HttpMethod.Delete, QueryTarget.Build(path, Parameter, items.Select(i => FlexibleNumber.Format(i.Item.CustomerId))), null, "DELETE " + path, items.Count);
    }

    /// <summary>Maps a 2xx answer keyed by customer id, by each item's status word.</summary>
    private protected override IReadOnlyList<ItemOutcome> MapAnswer(ThuliumExchange exchange, IReadOnlyList<PlannedItem<CrmRecordKey>> items)
    {
        var answer = ResponseReader.ReadKeyed(exchange.Body, r => r.CustomerId is { } id ? FlexibleNumber.Format(id) : null);
        return MapKeyed(
            exchange,
            items,
            (planned, _) => FlexibleNumber.Format(planned.Item.CustomerId),
            key => answer.TryGetValue(key, out var result) ? result : null,
            (planned, result) => result.Status switch
            {
                ServerStatuses.Removed => Succeeded(planned.InputIndex, ServerStatuses.Removed, exchange, result.HttpStatus, result.RecordId),
                ServerStatuses.NotExist => NotFound(planned.InputIndex, ServerStatuses.NotExist, exchange, result.HttpStatus, ResponseReader.MessageOf(result) ?? "The customer has no record in this campaign."),
                ServerStatuses.CallInProgress => OutcomeFactory.Failed(
                    planned.InputIndex,
                    FailureReason.Conflict,
                    ServerStatuses.CallInProgress,
                    result.HttpStatus ?? exchange.StatusCode,
                    exchange.Attempts,
                    "The record is in a call right now and was not removed; it can be removed once the call has ended (retry later).",
                    result.RecordId),
                _ => ByItemStatus(planned.InputIndex, result, exchange, ServerStatuses.Removed, result.RecordId),
            });
    }
}
