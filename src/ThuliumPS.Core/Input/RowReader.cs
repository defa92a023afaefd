using System;
using System.Collections.Generic;
using System.Linq;

namespace ThuliumPS.Core.Input;

/// <summary>
/// Reads rows for one command run, resolving each distinct header once: rows of one CSV file share their column
/// names, so the second row on costs a hash and a comparison of the names instead of a new resolution.
/// Used from one thread (the pipeline thread).
/// </summary>
public sealed class RowReader
{
    // Hashtables piped one by one may each have their own keys; past this many headers the cache starts over
    // rather than grow with the input.
    private const int MaxHeaders = 256;

    private readonly Dictionary<int, List<ColumnSet>> headers = new();
    private int count;

    /// <summary>The row with <paramref name="names"/> and <paramref name="values"/> (same length, in column order).</summary>
    /// <param name="names">The column names; may be a list the caller reuses for its next row: they are copied only
    /// when they are a header not seen before, so the usual row of a large import costs no copy of its names.</param>
    /// <param name="values">The values, kept by the row.</param>
    public InputItem Read(IReadOnlyList<string> names, object?[] values)
    {
        if (names is null) throw new ArgumentNullException(nameof(names));
        if (values is null) throw new ArgumentNullException(nameof(values));
        if (names.Count != values.Length) throw new ArgumentException("There must be one value per name.", nameof(values));
        return InputItem.Row(ColumnsOf(names), values);
    }

    private ColumnSet ColumnsOf(IReadOnlyList<string> names)
    {
        var hash = 17;
        for (var i = 0; i < names.Count; i++)
        {
            hash = unchecked((hash * 31) + StringComparer.Ordinal.GetHashCode(names[i] ?? string.Empty));
        }

        if (headers.TryGetValue(hash, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Matches(names))
                {
                    return candidate;
                }
            }
        }
        else
        {
            if (count >= MaxHeaders)
            {
                headers.Clear();
                count = 0;
            }

            headers.Add(hash, candidates = new List<ColumnSet>(1));
        }

        // ColumnSet keeps the array it is given, so a reused list is copied here, once per distinct header.
        var columns = new ColumnSet(names as string[] ?? names.ToArray());
        candidates.Add(columns);
        count++;
        return columns;
    }
}
