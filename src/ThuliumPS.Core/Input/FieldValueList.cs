using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Input;

/// <summary>
/// The values of one field group item, gathered from every place a row gives them (a values/value dictionary or
/// list of field_id/value pairs, field.&lt;id&gt; columns), each labelled as the user wrote it so that a message
/// points at the cell: <c>field.8</c>, <c>values[8]</c> (a dictionary key; <c>values["8"]</c> for a text key),
/// <c>values[0]</c> (a list's first pair). A field given twice with the same value is sent once, as two equal
/// columns of New-ThuliumCustomer are; with two different values the row fails naming both, since sending both
/// would leave the server to pick one.
/// </summary>
internal sealed class FieldValueList
{
    private readonly ICollection<string> errors;
    private readonly Dictionary<long, (string Label, object? Value)> given = new();

    /// <summary>Collects values; problems go to <paramref name="errors"/>.</summary>
    public FieldValueList(ICollection<string> errors) => this.errors = errors;

    /// <summary>The values to send, one per field, in the order given.</summary>
    public List<FieldValue> Values { get; } = new();

    /// <summary>A values (or value) column: a dictionary field id → value, one field_id/value pair, or a list of pairs.</summary>
    public void AddColumn(string column, object? value)
    {
        switch (value)
        {
            case var _ when InputValues.IsBlank(value):
                return; // an empty cell is not sent
            case IDictionary map when !IsPair(map):
                foreach (DictionaryEntry entry in map)
                {
                    Add(column, $"{column}[{KeyText(entry.Key)}]", entry.Key, entry.Value);
                }

                return;
            case IDictionary pair:
                Add(column, column, Get(pair, "field_id"), Get(pair, "value"));
                return;
            case IEnumerable list and not string:
                var index = 0;
                foreach (var item in list)
                {
                    var label = $"{column}[{index++}]";
                    if (item is IDictionary one && IsPair(one))
                    {
                        Add(label, label, Get(one, "field_id"), Get(one, "value"));
                    }
                    else
                    {
                        errors.Add($"Column '{label}': '{item}' is not a field_id/value pair.");
                    }
                }

                return;
            default:
                errors.Add($"Column '{column}': give a hashtable of field id → value, or objects with field_id and value.");
                return;
        }
    }

    /// <summary>One field's value.</summary>
    /// <param name="idWhere">Where the field id was given (a column, or a list's pair), for a bad id's message.</param>
    /// <param name="label">Where the value was given, for a bad or conflicting value's message.</param>
    /// <param name="fieldId">The field id as given.</param>
    /// <param name="value">The value as given.</param>
    public void Add(string idWhere, string label, object? fieldId, object? value)
    {
        var scalar = InputValues.Scalar(label, value, errors);
        if (InputValues.ToPositiveId(fieldId) is not { } id)
        {
            errors.Add($"Column '{idWhere}': '{Show(fieldId)}' is not a field id (a positive whole number).");
            return;
        }

        if (given.TryGetValue(id, out var first))
        {
            if (!InputItem.SameValue(first.Value, value))
            {
                errors.Add(InputItem.SameFieldProblem(first.Label, label, first.Value, value));
            }

            return;
        }

        given.Add(id, (label, value));
        Values.Add(new FieldValue(id, scalar));
    }

    // A text key is shown quoted, so that keys 8 and '8' of one hashtable (two entries for one field) read apart.
    private static string KeyText(object key) => key is string text ? "\"" + text + "\"" : Show(key);

    private static bool IsPair(IDictionary map) => Get(map, "field_id") is not null && map.Count <= 2;

    private static object? Get(IDictionary map, string name)
    {
        foreach (DictionaryEntry entry in map)
        {
            if (ColumnNames.Normalize(Show(entry.Key)) == ColumnNames.Normalize(name))
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static string Show(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
