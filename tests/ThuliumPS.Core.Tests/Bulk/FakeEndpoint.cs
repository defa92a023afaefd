using System.Collections.Concurrent;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Endpoints;

namespace ThuliumPS.Core.Tests.Bulk;

/// <summary>
/// A scriptable endpoint for planner and runner tests. Ordering, batching and backpressure are not HTTP behaviour,
/// so a fake is the honest tool here; HTTP behaviour is tested against the sandbox.
/// Items are strings "group:key"; the target length of an item is its text length.
/// </summary>
internal sealed class FakeEndpoint(bool supportsBatches = true, int baseLength = 10) : IBatchEndpoint<string>
{
    private int inFlight;

    public string Description => "FAKE items";

    public bool IsIdempotent => true;

    public bool SupportsBatches => supportsBatches;

    public ConcurrentQueue<string[]> Sent { get; } = new();

    public int MaxInFlight { get; private set; }

    /// <summary>Awaited before answering a batch whose first item is the key; lets a test hold a batch open.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    public Func<string[], Exception?> Fail { get; set; } = _ => null;

    public Func<IReadOnlyList<PlannedItem<string>>, IEnumerable<PlannedItem<string>>> Answered { get; set; } = items => items;

    /// <summary>When it returns a status, the whole request is refused with it (no per-item answers).</summary>
    public Func<string[], int?> RefuseWhole { get; set; } = _ => null;

    public string GroupKeyOf(string item) => item.Contains(':') ? item[..item.IndexOf(':')] : "";

    public string? DeduplicationKeyOf(string item) => item;

    public int BaseTargetLength(string groupKey) => baseLength;

    public int TargetLengthOf(string item) => item.Length;

    public async Task<IReadOnlyList<ItemOutcome>> SendAsync(string groupKey, IReadOnlyList<PlannedItem<string>> items, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        lock (Sent)
        {
            MaxInFlight = Math.Max(MaxInFlight, now);
        }

        try
        {
            var texts = items.Select(i => i.Item).ToArray();
            Sent.Enqueue(texts);
            if (Gates.TryGetValue(texts[0], out var gate))
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            await Task.Yield();
            if (Fail(texts) is { } error)
            {
                throw error;
            }

            if (RefuseWhole(texts) is { } status)
            {
                return items.Select(i => new ItemOutcome(i.InputIndex, OutcomeKind.Failed, "Refused", FailureReason.Rejected) { HttpStatus = status, WholeRequest = true, Message = "Bad request." }).ToList();
            }

            return Answered(items).Select(i => new ItemOutcome(i.InputIndex, OutcomeKind.Succeeded, "OK:" + i.Item) { Attempts = 1 }).ToList();
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    public static ThuliumAuthenticationException Unauthorized() => new("401 for api_user", FailureReason.Unauthorized, 401, null);
}
