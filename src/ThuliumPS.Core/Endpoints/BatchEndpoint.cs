using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Json.Responses;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// What every endpoint shares, and the fixed sequence of one send: check each item → build the request (one for
/// the whole batch, or one per item where the API has no batch form) → exchange it through the client → map the
/// answer (a whole-request failure to every item alike, a readable 2xx answer item by item) → merge, one outcome
/// per item, in the items' order. An endpoint file holds only what differs: its route, its request shape and how
/// its answer reads.
/// </summary>
/// <typeparam name="TItem">The validated item type.</typeparam>
public abstract class BatchEndpoint<TItem> : IBatchEndpoint<TItem>
{
    private protected BatchEndpoint(ThuliumClient client, IEngineLog? log)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Log = log ?? NullEngineLog.Instance;
    }

    /// <summary>The connection's client.</summary>
    private protected ThuliumClient Client { get; }

    /// <summary>Where request and retry lines go.</summary>
    private protected IEngineLog Log { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public virtual bool SupportsBatches => true;

    /// <inheritdoc />
    public virtual string GroupKeyOf(TItem item) => string.Empty;

    /// <inheritdoc />
    public virtual string? DeduplicationKeyOf(TItem item) => null;

    /// <inheritdoc />
    public int BaseTargetLength(string groupKey) => Client.BasePath.Length + PathOf(groupKey).Length;

    /// <inheritdoc />
    public virtual int TargetLengthOf(TItem item) => 0;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemOutcome>> SendAsync(string groupKey, IReadOnlyList<PlannedItem<TItem>> items, CancellationToken cancellationToken)
    {
        if (groupKey is null) throw new ArgumentNullException(nameof(groupKey));
        if (items is null) throw new ArgumentNullException(nameof(items));
        if (items.Any(i => i is null)) throw new ArgumentException("The list of planned items contains null.", nameof(items));
        cancellationToken.ThrowIfCancellationRequested();

        var outcomes = new Dictionary<int, ItemOutcome>(items.Count);
        var sendable = new List<PlannedItem<TItem>>(items.Count);
        foreach (var planned in items)
        {
            if (CheckSendable(planned.Item) is { } problem)
            {
                outcomes[planned.InputIndex] = OutcomeFactory.Invalid(planned.InputIndex, problem);
            }
            else
            {
                sendable.Add(planned);
            }
        }

        var requests = SupportsBatches ? (sendable.Count > 0 ? [sendable] : []) : sendable.Select(single => (IReadOnlyList<PlannedItem<TItem>>)[single]);
        foreach (var part in requests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var exchange = await Client.SendAsync(BuildRequest(groupKey, part), Log, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in Map(exchange, part))
            {
                outcomes[outcome.InputIndex] = outcome;
            }
        }

        return items.Select(planned => outcomes[planned.InputIndex]).ToArray();
    }

    /// <summary>
    /// Maps one exchange to one outcome per item: a failed request (no answer, not 2xx, an unreadable 2xx) gives
    /// every item the same verdict; a readable 2xx goes through <see cref="MapAnswer"/>.
    /// </summary>
    internal IReadOnlyList<ItemOutcome> Map(ThuliumExchange exchange, IReadOnlyList<PlannedItem<TItem>> items)
    {
        if (exchange is null) throw new ArgumentNullException(nameof(exchange));
        if (items is null) throw new ArgumentNullException(nameof(items));
        if (!exchange.IsSuccessStatus)
        {
            return ForEach(items, RequestFailure.Classify(exchange), exchange.Attempts);
        }

        try
        {
            return MapAnswer(exchange, items);
        }
        catch (JsonException ex)
        {
            return ForEach(items, RequestFailure.Unreadable(exchange, ex), exchange.Attempts);
        }
    }

    /// <summary>The request target's path (and any fixed query) for <paramref name="groupKey"/>, relative to the base URI.</summary>
    private protected abstract string PathOf(string groupKey);

    /// <summary>The request for <paramref name="items"/> of one group.</summary>
    internal abstract ThuliumRequest BuildRequest(string groupKey, IReadOnlyList<PlannedItem<TItem>> items);

    /// <summary>Maps a readable 2xx answer to one outcome per item; throws <see cref="JsonException"/> when it is not the expected shape.</summary>
    private protected abstract IReadOnlyList<ItemOutcome> MapAnswer(ThuliumExchange exchange, IReadOnlyList<PlannedItem<TItem>> items);

    /// <summary>Why an item cannot be sent although it passed input validation (null when it can).</summary>
    private protected virtual string? CheckSendable(TItem item) => null;

    /// <summary>
    /// Maps an answer keyed per item (by position in the request, customer id, campaign id …): each item's own
    /// answer through <paramref name="mapFound"/>, a MissingFromResponse failure for an item the answer does not
    /// mention.
    /// </summary>
    /// <param name="exchange">The 2xx exchange.</param>
    /// <param name="items">The request's items, in request order.</param>
    /// <param name="keyOf">The answer's key of an item, given the item and its position in the request.</param>
    /// <param name="find">The answer's entry for a key, or null.</param>
    /// <param name="mapFound">The outcome of an item from its entry.</param>
    private protected static IReadOnlyList<ItemOutcome> MapKeyed(
        ThuliumExchange exchange,
        IReadOnlyList<PlannedItem<TItem>> items,
        Func<PlannedItem<TItem>, int, string> keyOf,
        Func<string, BatchItemResult?> find,
        Func<PlannedItem<TItem>, BatchItemResult, ItemOutcome> mapFound)
    {
        return items.Select((planned, position) =>
        {
            var key = keyOf(planned, position);
            return find(key) is { } result
                ? mapFound(planned, result)
                : OutcomeFactory.Missing(planned.InputIndex, key, exchange.StatusCode, exchange.Attempts);
        }).ToArray();
    }

    /// <summary>A success answered by <paramref name="exchange"/> (the item's own status when it has one).</summary>
    private protected static ItemOutcome Succeeded(int index, string status, ThuliumExchange exchange, int? itemStatus, long? returnedId = null, string? message = null)
        => OutcomeFactory.Succeeded(index, status, itemStatus ?? exchange.StatusCode, exchange.Attempts, returnedId, message);

    /// <summary>
    /// An item's outcome by its own <c>http_status</c>, for answers without a recognised status word. An item
    /// without <c>http_status</c> counts as succeeded unless it carries a message (the docs never show one
    /// without it; the request's 2xx is then the best evidence).
    /// </summary>
    private protected static ItemOutcome ByItemStatus(int index, BatchItemResult item, ThuliumExchange exchange, string successStatus, long? returnedId = null)
    {
        var message = ResponseReader.MessageOf(item);
        var status = item.HttpStatus;
        if (status is >= 200 and <= 299 || (status is null && message is null))
        {
            return Succeeded(index, item.Status ?? successStatus, exchange, status, returnedId);
        }

        var (reason, word) = status is { } code ? StatusTable.ForFailure(code) : (FailureReason.Rejected, OutcomeStatuses.Rejected);
        if (reason == FailureReason.NotFound)
        {
            return NotFound(index, item.Status ?? word, exchange, status, message);
        }

        return OutcomeFactory.Failed(index, reason, item.Status ?? word, status ?? exchange.StatusCode, exchange.Attempts, message ?? RefusalMessage(status, item.Status), returnedId);
    }

    /// <summary>
    /// The outcome of a delete whose object was not found. When an earlier attempt of the same (idempotent)
    /// request may have reached the server — its answer was lost, so it was retried — the object is gone either
    /// way and most likely that attempt removed it: the item then counts as succeeded, and the message says why.
    /// Otherwise it failed as not found.
    /// </summary>
    private protected static ItemOutcome NotFound(int index, string status, ThuliumExchange exchange, int? itemStatus, string? serverMessage)
    {
        var message = serverMessage ?? "Not found.";
        return exchange.EarlierAttemptMayHaveActed
            ? Succeeded(index, status, exchange, itemStatus, null,
                message + " An earlier attempt of this request reached the server but its answer was lost, so that attempt most likely removed it; it is gone either way.")
            : OutcomeFactory.Failed(index, FailureReason.NotFound, status, itemStatus ?? exchange.StatusCode, exchange.Attempts, message);
    }

    private static IReadOnlyList<ItemOutcome> ForEach(IReadOnlyList<PlannedItem<TItem>> items, RequestFailure failure, int attempts)
        => items.Select(i => failure.For(i.InputIndex, attempts)).ToArray();

    private static string RefusalMessage(int? status, string? word)
        => string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            "The server refused the item (http_status {0}{1}).",
            status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
            word is null ? string.Empty : ", status " + word);
}
