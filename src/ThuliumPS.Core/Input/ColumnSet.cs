using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace ThuliumPS.Core.Input;

/// <summary>
/// The column names that rows of one header share (every row of one CSV file), resolved once: each name's
/// comparable form, which names spell the same field, and what the header alone shows is wrong (a foreign
/// delimiter, a damaged name). Mappers hang their own per-header work on it (<see cref="Derived{T}"/>), so a row
/// costs a lookup, not a new resolution of every name.
/// </summary>
public sealed class ColumnSet
{
    private static readonly char[] ForeignDelimiters = [';', '\t'];

    private readonly string[] names;
    private readonly string[] normalized;
    private readonly Dictionary<string, int> firstIndexOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<object, object> derived = new();

    /// <summary>Resolves <paramref name="names"/> (kept as given: the array must not change afterwards).</summary>
    public ColumnSet(string[] names)
    {
        this.names = names ?? throw new ArgumentNullException(nameof(names));
        normalized = new string[names.Length];
        var canonical = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i] ?? string.Empty;
            normalized[i] = ColumnNames.Normalize(name);
            if (!firstIndexOf.ContainsKey(normalized[i]))
            {
                firstIndexOf.Add(normalized[i], i);
            }

            var key = CanonicalKey(name);
            if (!canonical.TryGetValue(key, out var same))
            {
                canonical.Add(key, same = new List<int>(1));
            }

            same.Add(i);
            if (name.IndexOfAny(ForeignDelimiters) >= 0)
            {
                var delimiter = name.IndexOf(';') >= 0 ? "';'" : "\"`t\"";
                problems.Add($"The row has a column named '{Shorten(name)}': the file looks {delimiter}-delimited. Read it with Import-Csv -Delimiter {delimiter}.");
            }
            else if (name.IndexOf(InputItem.ReplacementCharacter) >= 0)
            {
                problems.Add(InputItem.EncodingProblem($"column name '{name}'"));
            }
        }

        SameField = canonical.Values.Where(g => g.Count > 1).Select(g => g.ToArray()).ToArray();
        HeaderProblems = problems;
    }

    /// <summary>The names, as given.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>How many columns.</summary>
    public int Count => names.Length;

    /// <summary>Groups (two or more) of columns that name the same field, e.g. phone_number and PhoneNumber.</summary>
    internal int[][] SameField { get; }

    /// <summary>What is wrong with the header itself, for every row that has it.</summary>
    internal IReadOnlyList<string> HeaderProblems { get; }

    /// <summary>The names, for messages ("it has: client_id, name").</summary>
    public string List => names.Length == 0 ? "no columns" : string.Join(", ", names);

    /// <summary>The index of the first column named <paramref name="name"/> by the one name rule, or -1.</summary>
    public int IndexOf(string name) => firstIndexOf.TryGetValue(ColumnNames.Normalize(name ?? string.Empty), out var index) ? index : -1;

    /// <summary>
    /// A mapper's own resolution of this header (e.g. which customer field each column fills), built once per
    /// header and key. Thread-safe.
    /// </summary>
    public T Derived<T>(object key, Func<ColumnSet, T> build)
        where T : class
    {
        if (build is null) throw new ArgumentNullException(nameof(build));
        return (T)derived.GetOrAdd(key ?? throw new ArgumentNullException(nameof(key)), _ => build(this));
    }

    /// <summary>True when both lists hold the same names in the same order.</summary>
    internal bool Matches(IReadOnlyList<string> other)
    {
        if (ReferenceEquals(names, other))
        {
            return true;
        }

        if (other.Count != names.Length)
        {
            return false;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (!string.Equals(names[i], other[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Two spellings of one field share this key: the part before the first dot as ColumnNames.Normalize gives it,
    // the rest (an address part, a custom field's name, a field id) compared without case and outer spaces.
    private static string CanonicalKey(string column)
    {
        var (prefix, rest) = ColumnNames.Split(column);
        return rest is null ? prefix : prefix + "." + rest.Trim().ToUpperInvariant();
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
}
