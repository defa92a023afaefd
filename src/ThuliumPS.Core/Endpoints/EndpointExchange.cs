using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// The one request sender of the endpoints: sends through the client's pipeline, then maps the exchange to one
/// outcome per item — whole-request failures (no answer, non-2xx, unreadable 2xx) to the same outcome for every
/// item, a readable 2xx answer through the endpoint's own per-item mapping.
/// </summary>
internal static class EndpointExchange
{
    /// <summary>Sends <paramref name="request"/> and maps the result. Throws only on cancellation and 401/403.</summary>
    public static async Task<IReadOnlyList<ItemOutcome>> SendAsync<TItem>(
        ThuliumClient client,
        ThuliumRequest request,
        IReadOnlyList<PlannedItem<TItem>> items,
        bool idempotent,
        IEngineLog log,
        Func<ThuliumExchange, IReadOnlyList<PlannedItem<TItem>>, IReadOnlyList<ItemOutcome>> mapAnswer,
        CancellationToken cancellationToken)
    {
        var exchange = await client.SendAsync(request, idempotent, log, cancellationToken).ConfigureAwait(false);
        return Map(exchange, items, idempotent, mapAnswer);
    }

    /// <summary>Maps an exchange (also used directly by the pure mapping tests).</summary>
    public static IReadOnlyList<ItemOutcome> Map<TItem>(
        ThuliumExchange exchange,
        IReadOnlyList<PlannedItem<TItem>> items,
        bool idempotent,
        Func<ThuliumExchange, IReadOnlyList<PlannedItem<TItem>>, IReadOnlyList<ItemOutcome>> mapAnswer)
    {
        if (!exchange.IsSuccessStatus)
        {
            return ForAll(items, RequestFailure.Classify(exchange, idempotent), exchange.Attempts);
        }

        try
        {
            return mapAnswer(exchange, items);
        }
        catch (JsonException ex)
        {
            return ForAll(items, RequestFailure.Unreadable(exchange, idempotent, ex), exchange.Attempts);
        }
    }

    /// <summary>The same whole-request outcome for every item.</summary>
    public static IReadOnlyList<ItemOutcome> ForAll<TItem>(IReadOnlyList<PlannedItem<TItem>> items, RequestFailure failure, int attempts)
    {
        var outcomes = new ItemOutcome[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            outcomes[i] = Outcomes.FromRequestFailure(items[i].InputIndex, failure, attempts);
        }

        return outcomes;
    }

    /// <summary>Checks the arguments every <c>SendAsync</c> takes.</summary>
    public static void ValidateArguments<TItem>(IReadOnlyList<PlannedItem<TItem>> items)
    {
        if (items is null) throw new ArgumentNullException(nameof(items));
        foreach (var item in items)
        {
            if (item is null) throw new ArgumentException("The list of planned items contains null.", nameof(items));
        }
    }
}
