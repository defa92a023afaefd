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

    private static readonly IReadOnlyList<string> NoProblems = [];

    private readonly object?[] values;

    // For a header with two columns for one field: the column whose value stands for each column (itself, unless
    // it was blank and gave way). Null when the header has no such pair, which is the usual case.
    private readonly int[]? standsFor;
    private IReadOnlyList<KeyValuePair<string, object?>>? columnsView;

    private InputItem(object? value, ColumnSet? columnSet, object?[] values, int[]? standsFor, IReadOnlyList<string> problems)
    {
        Value = value;
        ColumnSet = columnSet;
        this.values = values;
        this.standsFor = standsFor;
        Problems = problems;
    }

    /// <summary>True for a row of named values; false for a single value.</summary>
    public bool IsRow => ColumnSet is not null;

    /// <summary>The single value (null for a row, or for a null input).</summary>
    public object? Value { get; }

    /// <summary>The row's header, resolved once for every row that shares it; null for a single value.</summary>
    public ColumnSet? ColumnSet { get; }

    /// <summary>The row's columns, in order, one per field (a blank twin of a column left out); empty for a single value.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Columns => columnsView ??= BuildColumns();

    /// <summary>Why the row cannot be used as it is (empty when it can).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The row's column names, for messages ("it has: client_id, name").</summary>
    public string ColumnList => ColumnSet?.List ?? "no columns";

    /// <summary>A single value.</summary>
    public static InputItem Single(object? value) =>
        new(value, null, [], null, value is string text && text.IndexOf(ReplacementCharacter) >= 0 ? [EncodingProblem("the value")] : NoProblems);

    /// <summary>
    /// A row from name/value pairs, its header resolved on the spot (a command reads its rows through a
    /// <see cref="RowReader"/>, which resolves each header once).
    /// </summary>
    public static InputItem Row(IEnumerable<KeyValuePair<string, object?>> columns)
    {
        if (columns is null) throw new ArgumentNullException(nameof(columns));
        var list = columns.ToList();
        return Row(new ColumnSet(list.Select(c => c.Key).ToArray()), list.Select(c => c.Value).ToArray());
    }

    /// <summary>
    /// A row of <paramref name="columnSet"/>. Columns that name the same field become one: a blank one gives way
    /// to the other, and two different values are a problem of the row rather than "the last one wins".
    /// </summary>
    internal static InputItem Row(ColumnSet columnSet, object?[] values)
    {
        var problems = columnSet.HeaderProblems.Count == 0 ? null : new List<string>(columnSet.HeaderProblems);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is string text && text.IndexOf(ReplacementCharacter) >= 0)
            {
                (problems ??= []).Add(EncodingProblem($"column '{columnSet.Names[i]}'"));
            }
        }

        int[]? standsFor = null;
        foreach (var group in columnSet.SameField)
        {
            standsFor ??= Enumerable.Range(0, values.Length).ToArray();
            var chosen = group[0];
            foreach (var other in group.Skip(1))
            {
                if (InputValues.IsBlank(values[chosen]))
                {
                    chosen = other;
                }
                else if (!InputValues.IsBlank(values[other]) && !SameValue(values[chosen], values[other]))
                {
                    (problems ??= []).Add(SameFieldProblem(columnSet.Names[chosen], columnSet.Names[other], values[chosen], values[other]));
                }
            }

            foreach (var member in group)
            {
                standsFor[member] = chosen;
            }
        }

        return new InputItem(null, columnSet, values, standsFor, problems ?? NoProblems);
    }

    /// <summary>The value of column <paramref name="index"/> (its twin's, when it gave way to a non-blank twin).</summary>
    public object? ValueAt(int index) => values[standsFor?[index] ?? index];

    /// <summary>True when column <paramref name="index"/> is the one that stands for its field (false for a twin that gave way).</summary>
    public bool Stands(int index) => standsFor is null || standsFor[index] == index;

    /// <summary>
    /// Finds the first of <paramref name="names"/> that the row has (by the one name rule). A single value is
    /// never a column.
    /// </summary>
    public bool TryGetColumn(IEnumerable<string> names, out string column, out object? value)
    {
        if (names is null) throw new ArgumentNullException(nameof(names));
        if (ColumnSet is not null)
        {
            foreach (var name in names)
            {
                var index = ColumnSet.IndexOf(name);
                if (index >= 0)
                {
                    var standing = standsFor?[index] ?? index;
                    column = ColumnSet.Names[standing];
                    value = values[standing];
                    return true;
                }
            }
        }

        column = string.Empty;
        value = null;
        return false;
    }

    /// <summary>A short description of the item that starts a message's sentence ("A row with …", "Nothing (null)", "The String 'x'").</summary>
    public string Describe() => IsRow ? "A row with " + ColumnList : Value is null ? "Nothing (null)" : $"The {Value.GetType().Name} '{Show(Value)}'";

    /// <summary>The message for text damaged by a wrong encoding, naming where it was found.</summary>
    internal static string EncodingProblem(string where) =>
        $"The text of {where} contains U+FFFD (\uFFFD), the mark of a file read with the wrong encoding; nothing was sent, so no damaged text reaches Thulium. Read the file with Import-Csv -Encoding set to its encoding (e.g. utf8, or 1250 for a file saved by Polish Excel).";

    private IReadOnlyList<KeyValuePair<string, object?>> BuildColumns()
    {
        if (ColumnSet is null)
        {
            return [];
        }

        var list = new List<KeyValuePair<string, object?>>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (Stands(i))
            {
                list.Add(new KeyValuePair<string, object?>(ColumnSet.Names[i], values[i]));
            }
        }

        return list;
    }

    /// <summary>
    /// Two columns (or keys) that give one field two different values: the row fails naming both, the same way
    /// for every mapper, rather than "the last one wins".
    /// </summary>
    internal static string SameFieldProblem(string first, string second, object? firstValue, object? secondValue) =>
        $"Columns '{first}' and '{second}' name the same field with different values ('{Show(firstValue)}', '{Show(secondValue)}'); keep one of them.";

    /// <summary>True when two values of one field are the same as far as a CSV cell can tell (text, outer spaces ignored).</summary>
    internal static bool SameValue(object? a, object? b) =>
        string.Equals(Show(a).Trim(), Show(b).Trim(), StringComparison.Ordinal);

    private static string Show(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
