using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ThuliumPS.Core.Endpoints;

namespace ThuliumPS.Core.Bulk;

/// <summary>
/// Cuts a stream of items into requests as they arrive: one open batch per group, closed when it reaches the batch
/// size (1 for endpoints without a batch form) or when one more item would make the request target longer than the
/// URL limit. An item too long to fit even alone still goes alone — the server's answer is better than a silent drop.
/// Both limits can only go down during a run, as the runner learns what the server refuses. Repeated items (same deduplication key in the same open batch) are sent once.
/// </summary>
/// <typeparam name="TItem">The endpoint's item type.</typeparam>
public sealed class BatchPlanner<TItem>
{
    private readonly IBatchEndpoint<TItem> endpoint;
    private int batchSize;
    private int maxUrlLength;
    private readonly Dictionary<string, OpenBatch> open = new(StringComparer.Ordinal);

    // Groups in the order they first appeared, so a final flush sends them in input order.
    private readonly List<string> groupOrder = new();

    /// <summary>Creates a planner for <paramref name="endpoint"/>.</summary>
    public BatchPlanner(IBatchEndpoint<TItem> endpoint, BulkOptions options)
    {
        this.endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        if (options is null) throw new ArgumentNullException(nameof(options));
        batchSize = endpoint.SupportsBatches ? options.BatchSize : 1;
        maxUrlLength = options.MaxUrlLength;
    }

    /// <summary>The longest request target batches are planned for now.</summary>
    public int MaxUrlLength => Volatile.Read(ref maxUrlLength);

    /// <summary>The most items batches are planned with now.</summary>
    public int BatchSize => Volatile.Read(ref batchSize);

    /// <summary>
    /// Plans smaller batches from now on: the server refused a batch as a whole but accepted one of
    /// <paramref name="acceptedCount"/> items, so the rest of the run is planned at that size instead of paying a
    /// refusal and a split for every batch. Never raises the size. Safe to call from any thread.
    /// </summary>
    /// <returns>True when this call lowered the size (so the caller reports it once).</returns>
    public bool LowerBatchSize(int acceptedCount)
    {
        var lowered = Math.Max(1, acceptedCount);
        int current;
        do
        {
            current = Volatile.Read(ref batchSize);
            if (lowered >= current)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref batchSize, lowered, current) != current);
        return true;
    }

    /// <summary>
    /// Plans shorter requests from now on: the server refused a target of <paramref name="refusedLength"/>
    /// characters (414). The limit drops to half that length — the size of the halves the runner resends — so the
    /// rest of the run converges on what the server accepts in a few steps instead of one 414 per batch.
    /// Safe to call from any thread.
    /// </summary>
    public void LowerUrlLimit(int refusedLength)
    {
        var lowered = Math.Max(1, refusedLength / 2);
        int current;
        do
        {
            current = Volatile.Read(ref maxUrlLength);
            if (lowered >= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref maxUrlLength, lowered, current) != current);
    }

    /// <summary>The request target length of <paramref name="items"/> sent together to <paramref name="group"/>.</summary>
    public int TargetLength(string group, IEnumerable<PlannedItem<TItem>> items)
    {
        if (items is null) throw new ArgumentNullException(nameof(items));
        return endpoint.BaseTargetLength(group) + items.Sum(i => endpoint.TargetLengthOf(i.Item));
    }

    /// <summary>Adds one item; returns the batches this closed (none, or one or two), ready to send.</summary>
    public IReadOnlyList<PlannedBatch<TItem>> Add(PlannedItem<TItem> item)
    {
        if (item is null) throw new ArgumentNullException(nameof(item));

        // Most items close no batch: the list is made only when one does, not for every row of a large import.
        List<PlannedBatch<TItem>>? closed = null;
        var group = endpoint.GroupKeyOf(item.Item);
        if (!open.TryGetValue(group, out var batch))
        {
            batch = new OpenBatch(group, endpoint.BaseTargetLength(group));
            open.Add(group, batch);
            groupOrder.Add(group);
        }

        var key = endpoint.DeduplicationKeyOf(item.Item);
        if (key is not null && batch.TryAddDuplicate(key, item.InputIndex))
        {
            return [];
        }

        var length = endpoint.TargetLengthOf(item.Item);
        if (batch.Count > 0 && length > 0 && batch.TargetLength + length > MaxUrlLength)
        {
            (closed ??= new List<PlannedBatch<TItem>>(2)).Add(batch.Close());
        }

        batch.Add(item, key, length);
        if (batch.Count >= BatchSize)
        {
            (closed ??= new List<PlannedBatch<TItem>>(2)).Add(batch.Close());
        }

        return closed ?? (IReadOnlyList<PlannedBatch<TItem>>)[];
    }

    /// <summary>Closes every open batch that holds items (end of input), in the order the groups first appeared.</summary>
    public IReadOnlyList<PlannedBatch<TItem>> Flush()
    {
        var closed = new List<PlannedBatch<TItem>>();
        foreach (var group in groupOrder)
        {
            var batch = open[group];
            if (batch.Count > 0)
            {
                closed.Add(batch.Close());
            }
        }

        return closed;
    }

    private sealed class OpenBatch(string group, int baseLength)
    {
        private readonly int emptyLength = baseLength;
        private List<PlannedItem<TItem>> items = new();
        private List<PlannedBatch<TItem>.Duplicate> duplicates = new();
        private Dictionary<string, int> originalByKey = new(StringComparer.Ordinal);

        public int Count => items.Count;

        public int TargetLength { get; private set; } = baseLength;


        public bool TryAddDuplicate(string key, int inputIndex)
        {
            if (!originalByKey.TryGetValue(key, out var original))
            {
                return false;
            }

            duplicates.Add(new PlannedBatch<TItem>.Duplicate(inputIndex, original));
            return true;
        }

        public void Add(PlannedItem<TItem> item, string? key, int length)
        {
            items.Add(item);
            TargetLength += length;
            if (key is not null)
            {
                originalByKey[key] = item.InputIndex;
            }
        }

        public PlannedBatch<TItem> Close()
        {
            var batch = new PlannedBatch<TItem>(group, items, duplicates);
            items = new();
            duplicates = new();
            originalByKey = new(StringComparer.Ordinal);
            TargetLength = emptyLength;
            return batch;
        }
    }
}
