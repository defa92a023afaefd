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
using ThuliumPS.Core.Models;

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
public sealed class DeleteCrmRecordsEndpoint : IBatchEndpoint<CrmRecordKey>
{
    private const string ResourcePrefix = "batch/crm_outbounds/";
    private const string ResourceSuffix = "/records";
    private const string Parameter = "customer_id";

    private readonly ThuliumClient _client;
    private readonly IEngineLog _log;

    /// <summary>Creates the endpoint for one command.</summary>
    /// <param name="client">The connection's client.</param>
    /// <param name="log">Where request and retry lines go; null discards them.</param>
    public DeleteCrmRecordsEndpoint(ThuliumClient client, IEngineLog? log = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _log = log ?? NullEngineLog.Instance;
    }

    /// <inheritdoc />
    public string Description => "DELETE " + ResourcePrefix + ":id" + ResourceSuffix;

    /// <inheritdoc />
    public bool IsIdempotent => true;

    /// <inheritdoc />
    public bool SupportsBatches => true;

    /// <inheritdoc />
    public string GroupKeyOf(CrmRecordKey item) => (item ?? throw new ArgumentNullException(nameof(item))).CampaignId;

    /// <inheritdoc />
    public string? DeduplicationKeyOf(CrmRecordKey item) => FlexibleNumber.Format((item ?? throw new ArgumentNullException(nameof(item))).CustomerId);

    /// <inheritdoc />
    public int BaseTargetLength(string groupKey) => _client.BasePath.Length + Path(groupKey).Length;

    /// <inheritdoc />
    public int TargetLengthOf(CrmRecordKey item)
        => QueryTarget.ParameterLength(Parameter, FlexibleNumber.Format((item ?? throw new ArgumentNullException(nameof(item))).CustomerId));

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An item belongs to another campaign than <paramref name="groupKey"/>.</exception>
    public Task<IReadOnlyList<ItemOutcome>> SendAsync(string groupKey, IReadOnlyList<PlannedItem<CrmRecordKey>> items, CancellationToken cancellationToken)
    {
        if (groupKey is null) throw new ArgumentNullException(nameof(groupKey));
        EndpointExchange.ValidateArguments(items);
        if (items.Any(i => !string.Equals(i.Item?.CampaignId, groupKey, StringComparison.Ordinal)))
        {
            throw new ArgumentException("Every item of one request must belong to campaign '" + groupKey + "'.", nameof(items));
        }

        return EndpointExchange.SendAsync(_client, BuildRequest(groupKey, items), items, IsIdempotent, _log, MapAnswer, cancellationToken);
    }

    /// <summary>The request for <paramref name="items"/> of campaign <paramref name="campaignId"/>.</summary>
    internal static ThuliumRequest BuildRequest(string campaignId, IReadOnlyList<PlannedItem<CrmRecordKey>> items)
    {
        var path = Path(campaignId);
        return new ThuliumRequest(
            HttpMethod.Delete,
            QueryTarget.Build(path, Parameter, items.Select(i => FlexibleNumber.Format(i.Item.CustomerId))),
            null,
            "DELETE " + path,
            items.Count);
    }

    /// <summary>Maps a 2xx answer keyed by customer id.</summary>
    internal static IReadOnlyList<ItemOutcome> MapAnswer(ThuliumExchange exchange, IReadOnlyList<PlannedItem<CrmRecordKey>> items)
    {
        var answer = ResponseReader.ReadKeyed(exchange.Body, r => r.CustomerId is { } id ? FlexibleNumber.Format(id) : null);
        return items.Select(planned =>
        {
            var key = FlexibleNumber.Format(planned.Item.CustomerId);
            if (!answer.TryGetValue(key, out var result))
            {
                return Outcomes.Missing(planned.InputIndex, key, exchange);
            }

            return result.Status switch
            {
                ServerStatuses.Removed => Outcomes.Succeeded(planned.InputIndex, ServerStatuses.Removed, exchange, result.HttpStatus, result.RecordId),
                ServerStatuses.NotExist => Outcomes.NotFound(planned.InputIndex, ServerStatuses.NotExist, exchange, result.HttpStatus, ResponseReader.MessageOf(result) ?? "The customer has no record in this campaign."),
                ServerStatuses.CallInProgress => Outcomes.Failed(
                    planned.InputIndex,
                    FailureReason.Conflict,
                    ServerStatuses.CallInProgress,
                    exchange,
                    result.HttpStatus,
                    "The record is in a call right now and was not removed; it can be removed once the call has ended (retry later).",
                    result.RecordId),
                _ => Outcomes.ByItemStatus(planned.InputIndex, result, exchange, ServerStatuses.Removed, result.RecordId),
            };
        }).ToArray();
    }

    private static string Path(string campaignId) => ResourcePrefix + QueryTarget.Encode(campaignId) + ResourceSuffix;
}
