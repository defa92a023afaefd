using System;
using System.Collections;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Management.Automation;
using ThuliumPS.Core.Input;

namespace ThuliumPS.Commands;

/// <summary>
/// Turns what PowerShell hands a cmdlet (PSObjects, PSCustomObjects from Import-Csv, hashtables, arrays) into plain
/// .NET values for Core, which knows nothing of PowerShell.
/// </summary>
internal static class PSInput
{
    /// <summary>
    /// The items of a value given to an -InputObject parameter: an array given by parameter behaves exactly like
    /// the same items piped one by one (a hashtable or a string is one item).
    /// </summary>
    public static IEnumerable<object?> Items(object? input) =>
        Base(input) is IEnumerable list and not string and not IDictionary ? list.Cast<object?>() : [input];

    /// <summary>
    /// The plain value: a PSObject's base object; a PSCustomObject becomes a hashtable of its properties; arrays and
    /// lists element by element.
    /// </summary>
    public static object? Plain(object? value)
    {
        var baseObject = Base(value);
        return baseObject switch
        {
            null => null,
            PSCustomObject => ToHashtable(value!),
            string or IDictionary => baseObject,

            // A database NULL (Invoke-Sqlcmd's DataRows, and objects selected from them) is an empty cell: not
            // sent. After the string case, so the text cells of an Import-Csv row never test for it.
            DBNull => null,
            IEnumerable list => list.Cast<object?>().Select(Plain).ToArray(),
            _ => baseObject,
        };
    }

    /// <summary>
    /// The item for Core: a single value (a number, a string, a date …) as it is, anything else as a row of its
    /// properties or dictionary entries, read through <paramref name="rows"/> so that each header is resolved once.
    /// Core finds columns in it by one name rule for every cmdlet.
    /// </summary>
    /// <param name="input">The piped object.</param>
    /// <param name="rows">The command's row reader.</param>
    /// <param name="plainCustomObjects">True when plain PSCustomObjects may be read by <see cref="NoteProperties"/> (no type data for them in this session).</param>
    public static InputItem Item(object? input, RowReader rows, bool plainCustomObjects)
    {
        var baseObject = Base(input);
        if (baseObject is null or string or decimal or DateTime or DateTimeOffset || baseObject.GetType().IsPrimitive)
        {
            return InputItem.Single(baseObject);
        }

        if (baseObject is IDictionary dictionary)
        {
            var keys = new string[dictionary.Count];
            var entries = new object?[dictionary.Count];
            var i = 0;
            foreach (DictionaryEntry entry in dictionary)
            {
                keys[i] = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                entries[i++] = Plain(entry.Value);
            }

            return rows.Read(keys, entries);
        }

        var row = PSObject.AsPSObject(input);

        // One pair of lists per thread, reused row after row (the row keeps a copy of the values): a large import reads
        // hundreds of thousands of rows, and each pair of fresh lists was garbage a moment later. The pair is taken
        // out of its slot while in use: reading a script property runs a script, which could pipe a row into a
        // ThuliumPS command on this same thread, and that read must not clear this one's lists.
        var names = rowNames ?? new List<string>();
        var values = rowValues ?? new List<object?>();
        rowNames = null;
        rowValues = null;
        try
        {
            names.Clear();
            values.Clear();
            if (plainCustomObjects && NoteProperties.TryRead(row, names, values))
            {
                for (var i = 0; i < values.Count; i++)
                {
                    values[i] = Plain(values[i]);
                }
            }
            else if (baseObject is DataRow dataRow)
            {
                // PowerShell shows a DataRow's columns as properties next to DataRow's own (RowState, Table,
                // ItemArray …), which are no columns of the row. Tested only off the PSCustomObject fast path.
                ReadColumns(dataRow, names, values);
            }
            else
            {
                foreach (var property in row.Properties)
                {
                    object? value;
                    try
                    {
                        value = property.Value;
                    }
                    catch (GetValueException)
                    {
                        // A getter that throws (a Process's ExitCode while it runs) is no column anyone gave: skip it,
                        // rather than lose the whole object to PowerShell's error about that one property.
                        continue;
                    }

                    names.Add(property.Name);
                    values.Add(Plain(value));
                }
            }

            return rows.Read(names, values.ToArray());
        }
        finally
        {
            rowNames = names;
            rowValues = values;
        }
    }

    private static void ReadColumns(DataRow row, List<string> names, List<object?> values)
    {
        foreach (DataColumn column in row.Table.Columns)
        {
            names.Add(column.ColumnName);
            values.Add(Plain(row[column]));
        }
    }

    [ThreadStatic] private static List<string>? rowNames;
    [ThreadStatic] private static List<object?>? rowValues;

    private static object? Base(object? value) => value is PSObject pso ? pso.BaseObject : value;

    private static Hashtable ToHashtable(object value)
    {
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var property in PSObject.AsPSObject(value).Properties)
        {
            table[property.Name] = Plain(property.Value);
        }

        return table;
    }
}
