using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Json.Responses;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// <c>DELETE batch/outbounds?id%5B%5D=…[&amp;delete_recordings=true]</c>: queues campaigns (with all records, and
/// optionally recordings) for deletion. The answer is a JSON array of <c>{"http_status", "id", "status"}</c>.
/// </summary>
/// <remarks>
/// <para><c>REMOVAL_QUEUED</c> → Succeeded. <c>NOT_EXIST</c> → Failed NotFound.</para>
/// <para>
/// <c>ALREADY_QUEUED</c> → <b>Succeeded</b> (status <c>ALREADY_QUEUED</c>, with a message that it was queued
/// earlier), although the server gives it <c>http_status</c> 400: the caller's goal — the campaign is on its way
/// out — is met, and a scheduled script that runs again before the queue has drained must not drown in errors.
/// With <see cref="DeleteRecordings"/> the message says the recordings may NOT be deleted (the earlier request
/// decides) and one warning per command says so: Failed would make every re-run an error that no re-run can cure
/// (the campaign stays queued), and Unknown means a create whose answer was lost.
/// </para>
/// <para>
/// Campaign ids stay strings (<c>00001</c>); an answer echoing an id as a number (<c>1</c>) is still matched to
/// the item by numeric value. An answer shaped as an object keyed by id (like the sibling batch endpoints) is
/// accepted as well, though the docs show an array.
/// </para>
/// </remarks>
public sealed class DeleteCampaignsEndpoint : BatchEndpoint<string>
{
    private const string Resource = "batch/outbounds";
    private const string Parameter = "id";
    private const string RecordingsQuery = "?delete_recordings=true";

    /// <summary>Creates the endpoint for one command.</summary>
    /// <param name="client">The connection's client.</param>
    /// <param name="deleteRecordings">Whether the campaigns' recordings are deleted too (off by default, as in the API).</param>
    /// <param name="log">Where request and retry lines go; null discards them.</param>
    public DeleteCampaignsEndpoint(ThuliumClient client, bool deleteRecordings = false, IEngineLog? log = null)
        : base(client, log)
    {
        DeleteRecordings = deleteRecordings;
    }

    /// <summary>Whether recordings are deleted too.</summary>
    public bool DeleteRecordings { get; }

    /// <inheritdoc />
    public override string Description => "DELETE " + Resource;

    /// <inheritdoc />
    public override string? DeduplicationKeyOf(string item) => item;

    /// <inheritdoc />
    public override int TargetLengthOf(string item) => QueryTarget.ParameterLength(Parameter, QueryTarget.Encode(item ?? string.Empty));

    private protected override string PathOf(string groupKey) => DeleteRecordings ? Resource + RecordingsQuery : Resource;

    internal override ThuliumRequest BuildRequest(string groupKey, IReadOnlyList<PlannedItem<string>> items)
        => new(HttpMethod.Delete, QueryTarget.Build(PathOf(groupKey), Parameter, items.Select(i => QueryTarget.Encode(i.Item ?? string.Empty))), null, Description, items.Count);

    /// <summary>Maps a 2xx answer (an array with <c>id</c>, or an object keyed by id).</summary>
    private protected override IReadOnlyList<ItemOutcome> MapAnswer(ThuliumExchange exchange, IReadOnlyList<PlannedItem<string>> items)
    {
        var answer = ResponseReader.ReadKeyed(exchange.Body, r => r.Id);
        return MapKeyed(
            exchange,
            items,
            (planned, _) => planned.Item ?? string.Empty,
            key => Find(answer, key),
            (planned, result) => result.Status switch
            {
                ServerStatuses.RemovalQueued => Succeeded(planned.InputIndex, ServerStatuses.RemovalQueued, exchange, result.HttpStatus),
                ServerStatuses.AlreadyQueued => AlreadyQueued(planned.InputIndex, exchange, result.HttpStatus),
                ServerStatuses.NotExist => NotFound(planned.InputIndex, ServerStatuses.NotExist, exchange, result.HttpStatus, ResponseReader.MessageOf(result) ?? "The campaign does not exist."),
                _ => ByItemStatus(planned.InputIndex, result, exchange, ServerStatuses.RemovalQueued),
            });
    }

    /// <summary>
    /// <c>ALREADY_QUEUED</c>: Succeeded, as the campaign is on its way out. With -DeleteRecordings that is not the
    /// whole story: the earlier request decides whether the recordings go too, and the answer does not say what it
    /// asked, so the message says the recordings may NOT be deleted, and the command warns once.
    /// </summary>
    private ItemOutcome AlreadyQueued(int index, ThuliumExchange exchange, int? itemStatus)
    {
        if (!DeleteRecordings)
        {
            return Succeeded(index, ServerStatuses.AlreadyQueued, exchange, itemStatus, message: QueuedEarlier + "; nothing more to do.");
        }

        // Once per command (one endpoint per command), whichever of the batches in flight meets the first one.
        if (Interlocked.Exchange(ref recordingsWarned, 1) == 0)
        {
            Log.Warning(RecordingsWarning);
        }

        var message = QueuedEarlier + ". Its recordings may NOT be deleted: that earlier request decides whether they are, and this request's -DeleteRecordings had no effect (the answer does not say what the earlier request asked).";
        if (exchange.EarlierAttemptMayHaveActed)
        {
            // A retry: the request that queued it may be this one's own first attempt, whose answer was lost.
            message += " If the earlier request was this command's own first attempt (its answer was lost and it was retried), that attempt asked for the recordings too.";
        }

        return Succeeded(index, ServerStatuses.AlreadyQueued, exchange, itemStatus, message: message);
    }

    private const string QueuedEarlier = "The campaign was already queued for deletion by an earlier request";

    private const string RecordingsWarning =
        "Some campaigns were already queued for deletion by an earlier request (Status ALREADY_QUEUED): their recordings may NOT be deleted. " +
        "-DeleteRecordings has no effect on a campaign already queued: the earlier request decides, and the API's answer does not say whether it asked for the recordings.";

    // 1 once the command has warned about -DeleteRecordings on a campaign already queued (Interlocked: batches map concurrently).
    private int recordingsWarned;

    private static BatchItemResult? Find(IReadOnlyDictionary<string, BatchItemResult> answer, string id)
    {
        if (answer.TryGetValue(id, out var exact))
        {
            return exact;
        }

        // "00001" echoed as the number 1: match by value, since campaign ids are zero-padded numbers.
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            foreach (var pair in answer)
            {
                if (long.TryParse(pair.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var other) && other == number)
                {
                    return pair.Value;
                }
            }
        }

        return null;
    }
}
