using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// What the batch planner and the streaming runner need to know about one API endpoint, and how to send one
/// planned request to it. Implemented by <see cref="BatchEndpoint{TItem}"/>'s subclasses; consumed by Core/Bulk.
/// Whether a request may be resent is not the endpoint's to say: it follows from the request's method
/// (<c>ThuliumRequest.IsIdempotent</c>).
/// </summary>
/// <typeparam name="TItem">The validated item type (a <c>CustomerDraft</c>, a customer id, a campaign id …).</typeparam>
public interface IBatchEndpoint<TItem>
{
    /// <summary>Method and path for messages, e.g. <c>DELETE batch/customers</c>.</summary>
    string Description { get; }

    /// <summary>False for endpoints with no batch form: every request then carries exactly one item.</summary>
    bool SupportsBatches { get; }

    /// <summary>Items that must travel in the same request share a key (CRM records: the campaign id).</summary>
    string GroupKeyOf(TItem item);

    /// <summary>
    /// Items with equal keys in one group are sent once and every such input gets the answer;
    /// null means the item is never deduplicated (creates).
    /// </summary>
    string? DeduplicationKeyOf(TItem item);

    /// <summary>Length of the request target (path and query) of a request for <paramref name="groupKey"/> with no items.</summary>
    int BaseTargetLength(string groupKey);

    /// <summary>Characters one item adds to the request target; 0 for endpoints whose items travel in the body.</summary>
    int TargetLengthOf(TItem item);

    /// <summary>
    /// Sends one request for the given items (all of one group, already deduplicated) and returns exactly one
    /// outcome per item, carrying each item's <see cref="PlannedItem{TItem}.InputIndex"/>. Never throws for HTTP or
    /// item failures (they become failed or unknown outcomes); throws <see cref="System.OperationCanceledException"/>
    /// when cancelled, and <c>ThuliumAuthenticationException</c> on 401/403, after which nothing more can succeed.
    /// </summary>
    Task<IReadOnlyList<ItemOutcome>> SendAsync(string groupKey, IReadOnlyList<PlannedItem<TItem>> items, CancellationToken cancellationToken);
}
