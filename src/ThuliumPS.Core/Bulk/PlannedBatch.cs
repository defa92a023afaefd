using System.Collections.Generic;
using System.Linq;
using ThuliumPS.Core.Endpoints;

namespace ThuliumPS.Core.Bulk;

/// <summary>
/// One request's worth of items: the distinct items to send, and the inputs that repeat one of them (they are not
/// sent again; each gets a copy of its original's outcome).
/// </summary>
/// <typeparam name="TItem">The endpoint's item type.</typeparam>
public sealed class PlannedBatch<TItem>
{
    internal PlannedBatch(string groupKey, IReadOnlyList<PlannedItem<TItem>> items, IReadOnlyList<Duplicate> duplicates)
    {
        GroupKey = groupKey;
        Items = items;
        Duplicates = duplicates;
    }

    /// <summary>The group every item belongs to (e.g. the campaign of CRM records).</summary>
    public string GroupKey { get; }

    /// <summary>The distinct items, in input order.</summary>
    public IReadOnlyList<PlannedItem<TItem>> Items { get; }

    /// <summary>Inputs that repeat an item of <see cref="Items"/>.</summary>
    public IReadOnlyList<Duplicate> Duplicates { get; }

    /// <summary>The input index of every input the batch stands for: its items, then their repeats.</summary>
    public IEnumerable<int> InputIndexes => Items.Select(i => i.InputIndex).Concat(Duplicates.Select(d => d.InputIndex));

    /// <summary>An input that repeats an earlier one.</summary>
    public readonly struct Duplicate
    {
        internal Duplicate(int inputIndex, int originalInputIndex)
        {
            InputIndex = inputIndex;
            OriginalInputIndex = originalInputIndex;
        }

        /// <summary>The repeating input's index.</summary>
        public int InputIndex { get; }

        /// <summary>The index of the input it repeats, which is sent.</summary>
        public int OriginalInputIndex { get; }
    }
}
