using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ThuliumPS.Core.Input;

/// <summary>
/// One input item as the cmdlet layer hands it to Core, already free of PowerShell types: either a single value
/// (an id given by parameter or piped as a number or string) or a row of named values (an Import-Csv row, a
/// hashtable, a result object of another ThuliumPS command).
/// </summary>
/// <remarks>
/// Every cmdlet finds a row's columns by the same rule (<see cref="ColumnNames.Normalize"/>: case, '_', '-' and
/// spaces do not matter, so <c>customer_id</c>, <c>CustomerId</c> and <c> Customer_ID </c> are one column).
/// A row is checked once, here, for what would otherwise be lost without a word: two columns that name the same
/// field with different values, text damaged by reading a file in the wrong encoding, and a whole line read as one
/// column because the file uses another delimiter. <see cref="Problems"/> lists them; mappers refuse such a row.
/// </remarks>
public sealed class InputItem
{
    /// <summary>What a wrongly decoded byte becomes (U+FFFD): its presence means the file's encoding was not the one used to read it.</summary>
    public const char ReplacementCharacter = '\uFFFD';

    private static readonly char[] ForeignDelimiters = [';', '\t'];

    private InputItem(object? value, IReadOnlyList<KeyValuePair<string, object?>>? columns, IReadOnlyList<string> problems)
    {
        Value = value;
        Columns = columns ?? [];
        IsRow = columns is not null;
        Problems = problems;
    }

    /// <summary>True for a row of named values; false for a single value.</summary>
    public bool IsRow { get; }

    /// <summary>The single value (null for a row, or for a null input).</summary>
    public object? Value { get; }

    /// <summary>The row's columns, in order, one per field (see <see cref="Row"/>); empty for a single value.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Columns { get; }

    /// <summary>Why the row cannot be used as it is (empty when it can).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>A single value.</summary>
    public static InputItem Single(object? value) =>
        new(value, null, value is string text && text.IndexOf(ReplacementCharacter) >= 0 ? [EncodingProblem("the value")] : []);

    /// <summary>
    /// A row. Columns that name the same field (<c>phone_number</c> and <c>PhoneNumber</c>) become one: a blank one
    /// gives way to the other, and two different values are a problem of the row rather than "the last one wins".
    /// </summary>
    public static InputItem Row(IEnumerable<KeyValuePair<string, object?>> columns)
    {
        if (columns is null) throw new ArgumentNullException(nameof(columns));
        var problems = new List<string>();
        var kept = new List<KeyValuePair<string, object?>>();
        var positionOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            CheckText(column, problems);
            var key = CanonicalKey(column.Key);
            if (!positionOfKey.TryGetValue(key, out var position))
            {
                positionOfKey.Add(key, kept.Count);
                kept.Add(column);
                continue;
            }

            var earlier = kept[position];
            if (InputValues.IsBlank(earlier.Value))
            {
                kept[position] = column;
            }
            else if (!InputValues.IsBlank(column.Value) && !SameValue(earlier.Value, column.Value))
            {
                problems.Add($"Columns '{earlier.Key}' and '{column.Key}' name the same field with different values ('{Show(earlier.Value)}', '{Show(column.Value)}'); keep one of them.");
            }
        }

        return new InputItem(null, kept, problems);
    }

    /// <summary>
    /// Finds the first of <paramref name="names"/> that the row has (by the one name rule). A single value is
    /// never a column.
    /// </summary>
    public bool TryGetColumn(IEnumerable<string> names, out string column, out object? value)
    {
        if (names is null) throw new ArgumentNullException(nameof(names));
        foreach (var name in names)
        {
            var wanted = ColumnNames.Normalize(name);
            foreach (var pair in Columns)
            {
                if (ColumnNames.Normalize(pair.Key) == wanted)
                {
                    column = pair.Key;
                    value = pair.Value;
                    return true;
                }
            }
        }

        column = string.Empty;
        value = null;
        return false;
    }

    /// <summary>The row's column names, for messages ("it has: client_id, name").</summary>
    public string ColumnList => Columns.Count == 0 ? "no columns" : string.Join(", ", Columns.Select(c => c.Key));

    /// <summary>A short description of the item for messages.</summary>
    public string Describe() => IsRow ? "a row with " + ColumnList : Value is null ? "nothing (null)" : $"the {Value.GetType().Name} '{Show(Value)}'";

    // Two spellings of one field share this key: the part before the first dot as ColumnNames.Normalize gives it,
    // the rest (an address part, a custom field's name, a field id) compared without case and outer spaces.
    private static string CanonicalKey(string column)
    {
        var (prefix, rest) = ColumnNames.Split(column ?? string.Empty);
        return rest is null ? prefix : prefix + "." + rest.Trim().ToUpperInvariant();
    }

    private static void CheckText(KeyValuePair<string, object?> column, List<string> problems)
    {
        if (column.Key.IndexOfAny(ForeignDelimiters) >= 0)
        {
            var delimiter = column.Key.IndexOf(';') >= 0 ? "';'" : "\"`t\"";
            problems.Add($"The row has a column named '{Shorten(column.Key)}': the file looks {delimiter}-delimited. Read it with Import-Csv -Delimiter {delimiter}.");
        }
        else if (column.Key.IndexOf(ReplacementCharacter) >= 0 || (column.Value is string text && text.IndexOf(ReplacementCharacter) >= 0))
        {
            problems.Add(EncodingProblem($"column '{column.Key}'"));
        }
    }

    private static string EncodingProblem(string where) =>
        $"The text of {where} contains U+FFFD (\uFFFD), the mark of a file read with the wrong encoding; nothing was sent, so no damaged text reaches Thulium. Read the file with Import-Csv -Encoding set to its encoding (e.g. utf8, or 1250 for a file saved by Polish Excel).";

    private static bool SameValue(object? a, object? b) =>
        string.Equals(Show(a).Trim(), Show(b).Trim(), StringComparison.Ordinal);

    private static string Show(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
}
